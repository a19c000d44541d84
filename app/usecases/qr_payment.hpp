// QrPaymentService: Drop-scheme payment requests (drop/qr/drop_scheme.hpp) and paying them.
//
// create_request(): a payment request to the caller: static (no amount, the payer types it) or
// dynamic (a NOK amount, expiring after limits::qr_dynamic_ttl_s); the payload carries the payee
// id and the request id; stored in the QrRequestStore.
// pay(): decodes the payload strictly; an EPC code or an EMV code of another scheme ->
// unsupported_qr; anything malformed -> invalid_qr (with the rule and offset). The request must
// exist and match the payload's payee; the amount comes from a dynamic code, or from the payer
// for a static one (exactly one of them). The payer must be KYC approved and not the payee.
// The money moves payer wallet -> payee wallet in ONE ledger transfer (code qr_payment). A
// dynamic request is paid at most once: its transfer id is the request's own number, so a
// second payment by anyone is refused by the ledger (a retry by the same payer is the same
// transfer, answered as already done).
// Thread-safety: every method may be called concurrently.
#pragma once

#include <optional>
#include <string>

#include "drop/ports/qr_request_store.hpp"
#include "usecases/ledger_service.hpp"

namespace drop::usecases {

enum class QrRefusal : std::uint8_t {
  invalid_qr = 1,
  unsupported_qr = 2,
  validation_failed = 3,  // amount given for a dynamic code / missing for a static one; self-pay
  kyc_required = 4,
  insufficient_funds = 5,
  not_found = 6,  // the request in the payload does not exist (or does not match its payee)
  expired = 7,
  already_paid = 8,
  store = 9,
};

struct QrFailure {
  QrRefusal refusal;
  std::string message;
};

struct QrPayment {
  std::string id;  // "txn_<n>": the ledger transfer
  Money amount;
  std::string payee_user_id;
  std::string payee_name;
  std::string reference;
};

class QrPaymentService {
 public:
  QrPaymentService(LedgerService& ledger, ports::UserStore& users, ports::QrRequestStore& requests,
                   const ports::Clock& clock)
      : ledger_(ledger), users_(users), requests_(requests), clock_(clock) {}

  // REQUIRES: amount, when present, is NOK and positive; reference <= 25 printable ASCII.
  Result<ports::QrRequest, QrFailure> create_request(const std::string& payee_user_id,
                                                     std::optional<Money> amount,
                                                     const std::string& reference);

  Result<QrPayment, QrFailure> pay(const std::string& payer_user_id, const std::string& payload,
                                   std::optional<std::int64_t> amount_minor);

  ports::QrRequestStore& requests() { return requests_; }

 private:
  LedgerService& ledger_;
  ports::UserStore& users_;
  ports::QrRequestStore& requests_;
  const ports::Clock& clock_;
};

}  // namespace drop::usecases
