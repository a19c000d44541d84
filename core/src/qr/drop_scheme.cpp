#include "drop/qr/drop_scheme.hpp"

namespace drop::qr {

Result<std::string, QrError> build_drop_qr(const DropPaymentRequest& request) {
  const bool dynamic = request.amount.has_value();
  if (dynamic &&
      (request.amount->currency().code() != "NOK" || request.amount->amount_minor() <= 0)) {
    return Err{QrError{QrRule::format, 54, kNoTag, 0}};
  }
  EmvBuilder builder;
  builder.set("01", dynamic ? "12" : "11");
  builder.set_template("26", {EmvField::primitive("00", std::string(kDropGuid)),
                              EmvField::primitive("01", request.payee_id),
                              EmvField::primitive("02", request.request_id)});
  builder.set("52", "0000");
  builder.set("53", "578");
  if (dynamic) builder.set_amount(*request.amount);
  builder.set("58", "NO");
  builder.set("59", request.merchant_name);
  builder.set("60", request.merchant_city);
  if (!request.reference.empty()) {
    builder.set_template("62", {EmvField::primitive("05", request.reference)});
  }
  auto encoded = builder.encode();
  if (!encoded.ok()) return encoded;
  // The strict decoder is the specification: whatever it refuses, the builder refuses.
  const auto decoded = decode_emv(*encoded, EmvProfile::strict_profile());
  if (!decoded.ok()) return Err{decoded.error()};
  if (!read_drop_qr(*decoded)) return Err{QrError{QrRule::format, 26, 1, 0}};
  return encoded;
}

std::optional<DropQr> read_drop_qr(const EmvPayload& payload) {
  const EmvObject* account = payload.find(26);
  if (account == nullptr || !account->is_template) return std::nullopt;
  if (payload.value_of(26, 0) != kDropGuid) return std::nullopt;
  DropQr qr;
  qr.payee_id = std::string(payload.value_of(26, 1));
  qr.request_id = std::string(payload.value_of(26, 2));
  if (qr.payee_id.empty() || qr.request_id.empty()) return std::nullopt;
  if (payload.value_of(53) != "578" || payload.value_of(58) != "NO") return std::nullopt;
  const std::string_view initiation = payload.value_of(1);
  qr.dynamic = initiation == "12";
  const bool has_amount = payload.find(54) != nullptr;
  if (qr.dynamic != has_amount || (initiation != "11" && initiation != "12")) return std::nullopt;
  if (has_amount) {
    if (!payload.amount() || payload.amount()->amount_minor() <= 0) return std::nullopt;
    qr.amount = payload.amount();
  }
  qr.reference = std::string(payload.value_of(62, 5));
  // Payable only when the whole payload passes every strict EMV rule.
  if (!decode_emv(payload.text(), EmvProfile::strict_profile()).ok()) return std::nullopt;
  return qr;
}

}  // namespace drop::qr
