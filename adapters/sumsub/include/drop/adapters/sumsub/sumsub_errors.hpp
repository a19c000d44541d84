// Sumsub's answers and the outbound client's failures as PortErrors.
//
// Error body grammar (other members ignored; any of them may be missing):
//   { "description": string, "code": integer, "correlationId"?: string, "errorCode"?: integer }
// Mapping: 400/404/422 -> invalid, 401/403 -> internal (our credentials or signature are wrong:
// an operator must fix the configuration), 409 -> conflict, 429 and 5xx -> unavailable; a
// transport timeout -> timeout, other transport failures -> unavailable. The message names the
// status and Sumsub's description (truncated, control characters removed); never a header.
// Thread-safety: pure functions.
#pragma once

#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/port_error.hpp"

namespace drop::adapters::sumsub {

ports::PortError error_from_response(const http_client::HttpResponse& response);
ports::PortError error_from_transport(const http_client::HttpError& error);

}  // namespace drop::adapters::sumsub
