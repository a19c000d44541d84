// libpq, loaded when first used instead of when the program starts.
//
// libpq's dependency chain (Kerberos, LDAP, GnuTLS, p11-kit, ... about 28 shared objects on
// Debian 12) costs 20-40 ms of dynamic loading before main(), paid by every start of `drop`
// even on the SQLite default. So this adapter does not link libpq: it defines the 24 libpq
// functions it calls (the declarations come from libpq-fe.h itself, so a signature that drifts
// does not compile), and the first call dlopen()s libpq.so.5 and binds the real ones. The
// adapter code is unchanged. libpq_load_failure() tells the pool why PostgreSQL is unusable
// when the library is missing; until it loads, every other function is an inert no-op.
// Thread-safe: loading happens once (a function-local static).
#include "libpq_lazy.hpp"

#include <dlfcn.h>
#include <libpq-fe.h>

#include <optional>
#include <string>

namespace drop::adapters::postgres {
namespace {

struct Libpq {
  decltype(&::PQconnectdbParams) connectdb_params = nullptr;
  decltype(&::PQfinish) finish = nullptr;
  decltype(&::PQstatus) status = nullptr;
  decltype(&::PQtransactionStatus) transaction_status = nullptr;
  decltype(&::PQerrorMessage) error_message = nullptr;
  decltype(&::PQsocket) socket = nullptr;
  decltype(&::PQsetNoticeProcessor) set_notice_processor = nullptr;
  decltype(&::PQexec) exec = nullptr;
  decltype(&::PQexecParams) exec_params = nullptr;
  decltype(&::PQsendQueryParams) send_query_params = nullptr;
  decltype(&::PQsendPrepare) send_prepare = nullptr;
  decltype(&::PQsendQueryPrepared) send_query_prepared = nullptr;
  decltype(&::PQgetResult) get_result = nullptr;
  decltype(&::PQenterPipelineMode) enter_pipeline_mode = nullptr;
  decltype(&::PQexitPipelineMode) exit_pipeline_mode = nullptr;
  decltype(&::PQpipelineSync) pipeline_sync = nullptr;
  decltype(&::PQresultStatus) result_status = nullptr;
  decltype(&::PQresultErrorField) result_error_field = nullptr;
  decltype(&::PQntuples) ntuples = nullptr;
  decltype(&::PQcmdTuples) cmd_tuples = nullptr;
  decltype(&::PQgetvalue) get_value = nullptr;
  decltype(&::PQgetlength) get_length = nullptr;
  decltype(&::PQgetisnull) get_is_null = nullptr;
  decltype(&::PQclear) clear = nullptr;
  std::optional<std::string> failure;  // set when the library or a symbol is missing
};

template <typename Function>
void bind(void* library, const char* name, Function& slot, std::optional<std::string>& failure) {
  slot = reinterpret_cast<Function>(dlsym(library, name));
  if (slot == nullptr && !failure) failure = std::string("libpq.so.5 has no ") + name;
}

const Libpq& libpq() {
  static const Libpq loaded = [] {
    Libpq api;
    void* library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      api.failure = "cannot load libpq.so.5 (install the libpq5 package)";
      return api;
    }
    bind(library, "PQconnectdbParams", api.connectdb_params, api.failure);
    bind(library, "PQfinish", api.finish, api.failure);
    bind(library, "PQstatus", api.status, api.failure);
    bind(library, "PQtransactionStatus", api.transaction_status, api.failure);
    bind(library, "PQerrorMessage", api.error_message, api.failure);
    bind(library, "PQsocket", api.socket, api.failure);
    bind(library, "PQsetNoticeProcessor", api.set_notice_processor, api.failure);
    bind(library, "PQexec", api.exec, api.failure);
    bind(library, "PQexecParams", api.exec_params, api.failure);
    bind(library, "PQsendQueryParams", api.send_query_params, api.failure);
    bind(library, "PQsendPrepare", api.send_prepare, api.failure);
    bind(library, "PQsendQueryPrepared", api.send_query_prepared, api.failure);
    bind(library, "PQgetResult", api.get_result, api.failure);
    bind(library, "PQenterPipelineMode", api.enter_pipeline_mode, api.failure);
    bind(library, "PQexitPipelineMode", api.exit_pipeline_mode, api.failure);
    bind(library, "PQpipelineSync", api.pipeline_sync, api.failure);
    bind(library, "PQresultStatus", api.result_status, api.failure);
    bind(library, "PQresultErrorField", api.result_error_field, api.failure);
    bind(library, "PQntuples", api.ntuples, api.failure);
    bind(library, "PQcmdTuples", api.cmd_tuples, api.failure);
    bind(library, "PQgetvalue", api.get_value, api.failure);
    bind(library, "PQgetlength", api.get_length, api.failure);
    bind(library, "PQgetisnull", api.get_is_null, api.failure);
    bind(library, "PQclear", api.clear, api.failure);
    return api;
  }();
  return loaded;
}

// The loaded library, or nullptr when it could not be loaded completely.
const Libpq* api() {
  const Libpq& loaded = libpq();
  return loaded.failure ? nullptr : &loaded;
}

char empty_text[] = "";
char unloaded_message[] = "libpq is not loaded\n";

}  // namespace

std::optional<std::string> libpq_load_failure() { return libpq().failure; }

}  // namespace drop::adapters::postgres

using drop::adapters::postgres::api;

// The libpq functions the adapter calls. Until libpq loads, each answers as libpq does for a
// null connection or result (a null pointer, a failure status, an empty value).
PGconn* PQconnectdbParams(const char* const* keywords, const char* const* values,
                          int expand_dbname) {
  const auto* pq = api();
  return pq ? pq->connectdb_params(keywords, values, expand_dbname) : nullptr;
}
void PQfinish(PGconn* conn) {
  if (const auto* pq = api()) pq->finish(conn);
}
ConnStatusType PQstatus(const PGconn* conn) {
  const auto* pq = api();
  return pq ? pq->status(conn) : CONNECTION_BAD;
}
PGTransactionStatusType PQtransactionStatus(const PGconn* conn) {
  const auto* pq = api();
  return pq ? pq->transaction_status(conn) : PQTRANS_UNKNOWN;
}
char* PQerrorMessage(const PGconn* conn) {
  const auto* pq = api();
  return pq ? pq->error_message(conn) : drop::adapters::postgres::unloaded_message;
}
int PQsocket(const PGconn* conn) {
  const auto* pq = api();
  return pq ? pq->socket(conn) : -1;
}
PQnoticeProcessor PQsetNoticeProcessor(PGconn* conn, PQnoticeProcessor proc, void* arg) {
  const auto* pq = api();
  return pq ? pq->set_notice_processor(conn, proc, arg) : nullptr;
}
PGresult* PQexec(PGconn* conn, const char* query) {
  const auto* pq = api();
  return pq ? pq->exec(conn, query) : nullptr;
}
PGresult* PQexecParams(PGconn* conn, const char* command, int nParams, const Oid* paramTypes,
                       const char* const* paramValues, const int* paramLengths,
                       const int* paramFormats, int resultFormat) {
  const auto* pq = api();
  return pq ? pq->exec_params(conn, command, nParams, paramTypes, paramValues, paramLengths,
                              paramFormats, resultFormat)
            : nullptr;
}
int PQsendQueryParams(PGconn* conn, const char* command, int nParams, const Oid* paramTypes,
                      const char* const* paramValues, const int* paramLengths,
                      const int* paramFormats, int resultFormat) {
  const auto* pq = api();
  return pq ? pq->send_query_params(conn, command, nParams, paramTypes, paramValues, paramLengths,
                                    paramFormats, resultFormat)
            : 0;
}
int PQsendPrepare(PGconn* conn, const char* stmtName, const char* query, int nParams,
                  const Oid* paramTypes) {
  const auto* pq = api();
  return pq ? pq->send_prepare(conn, stmtName, query, nParams, paramTypes) : 0;
}
int PQsendQueryPrepared(PGconn* conn, const char* stmtName, int nParams,
                        const char* const* paramValues, const int* paramLengths,
                        const int* paramFormats, int resultFormat) {
  const auto* pq = api();
  return pq ? pq->send_query_prepared(conn, stmtName, nParams, paramValues, paramLengths,
                                      paramFormats, resultFormat)
            : 0;
}
PGresult* PQgetResult(PGconn* conn) {
  const auto* pq = api();
  return pq ? pq->get_result(conn) : nullptr;
}
int PQenterPipelineMode(PGconn* conn) {
  const auto* pq = api();
  return pq ? pq->enter_pipeline_mode(conn) : 0;
}
int PQexitPipelineMode(PGconn* conn) {
  const auto* pq = api();
  return pq ? pq->exit_pipeline_mode(conn) : 0;
}
int PQpipelineSync(PGconn* conn) {
  const auto* pq = api();
  return pq ? pq->pipeline_sync(conn) : 0;
}
ExecStatusType PQresultStatus(const PGresult* res) {
  const auto* pq = api();
  return pq ? pq->result_status(res) : PGRES_FATAL_ERROR;
}
char* PQresultErrorField(const PGresult* res, int fieldcode) {
  const auto* pq = api();
  return pq ? pq->result_error_field(res, fieldcode) : nullptr;
}
int PQntuples(const PGresult* res) {
  const auto* pq = api();
  return pq ? pq->ntuples(res) : 0;
}
char* PQcmdTuples(PGresult* res) {
  const auto* pq = api();
  return pq ? pq->cmd_tuples(res) : drop::adapters::postgres::empty_text;
}
char* PQgetvalue(const PGresult* res, int tup_num, int field_num) {
  const auto* pq = api();
  return pq ? pq->get_value(res, tup_num, field_num) : drop::adapters::postgres::empty_text;
}
int PQgetlength(const PGresult* res, int tup_num, int field_num) {
  const auto* pq = api();
  return pq ? pq->get_length(res, tup_num, field_num) : 0;
}
int PQgetisnull(const PGresult* res, int tup_num, int field_num) {
  const auto* pq = api();
  return pq ? pq->get_is_null(res, tup_num, field_num) : 1;
}
void PQclear(PGresult* res) {
  if (const auto* pq = api()) pq->clear(res);
}
