// The "Decoded QR" JSON of API.md for EMV MPM and EPC069-12 payloads, and its reverse.
//
// EMV: named fields for readers (point_of_initiation, merchant_accounts, currency, amount, ...)
// plus "tags": every top-level object in raw order with its raw value, templates as nested
// "template" arrays. Encoding reads "tags" when present (byte-exact round trip, CRC
// recomputed), else builds a new code in canonical order from the named fields.
// EPC: version, charset, bic, name, iban, amount (+ amount_text as written), purpose,
// reference or text, information, line_separator, line_count. Strings are UTF-8 in JSON and
// converted to/from the payload's character set (line 3) with iconv.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "drop/qr/emv.hpp"
#include "drop/qr/epc.hpp"
#include "drop/result.hpp"

namespace drop::cli {

// `strict_error` is empty when the payload also passes the strict profile.
std::string emv_to_json(const qr::EmvPayload& payload, std::string_view strict_error);

// Fails (with a one-line reason) only when a field cannot be converted to UTF-8.
Result<std::string, std::string> epc_to_json(const qr::EpcTransfer& transfer);

// The payload for a decoded-QR JSON document; the error is one line naming the problem.
Result<std::string, std::string> encode_qr_json(std::string_view json);

}  // namespace drop::cli
