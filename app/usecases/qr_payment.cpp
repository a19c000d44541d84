#include "usecases/qr_payment.hpp"

#include "drop/ledger/transfer.hpp"
#include "drop/limits.hpp"
#include "drop/qr/drop_scheme.hpp"
#include "drop/qr/emv.hpp"
#include "drop/qr/epc.hpp"

namespace drop::usecases {

namespace {

QrFailure store_failure(std::string message) { return {QrRefusal::store, std::move(message)}; }

// The payee's display name for tag 59: printable ASCII only, at most 25 characters.
std::string display_name(const std::string& name) {
  std::string shown;
  for (char c : name) {
    if (c >= 0x20 && c < 0x7f && shown.size() < 25) shown.push_back(c);
  }
  return shown.empty() ? "Drop user" : shown;
}

constexpr std::int64_t qr_dynamic_ttl_s = 15 * 60;

}  // namespace

Result<ports::QrRequest, QrFailure> QrPaymentService::create_request(
    const std::string& payee_user_id, std::optional<Money> amount, const std::string& reference) {
  auto user = users_.find_by_id(payee_user_id);
  if (!user) return Err{store_failure(user.error().message)};
  if (!*user) return Err{QrFailure{QrRefusal::not_found, "no such user"}};
  auto wallet = ledger_.wallet_of(payee_user_id);  // the payee can be paid from now on
  if (!wallet) return Err{store_failure(wallet.error().message)};
  const Timestamp now = clock_.now();
  const std::uint64_t number = ledger_.random_id();
  ports::QrRequest request{
      "qr_" + std::to_string(number), payee_user_id, amount, reference, "", now, std::nullopt};
  if (amount) request.expires_at = now.plus_seconds(qr_dynamic_ttl_s);
  qr::DropPaymentRequest scheme{
      payee_user_id, request.id, amount, reference, display_name((*user)->name), "Oslo"};
  auto payload = qr::build_drop_qr(scheme);
  if (!payload) {
    return Err{QrFailure{QrRefusal::validation_failed, qr::describe(payload.error())}};
  }
  request.payload = std::move(*payload);
  if (auto stored = requests_.insert(request); !stored) {
    return Err{store_failure(stored.error().message)};
  }
  return request;
}

Result<QrPayment, QrFailure> QrPaymentService::pay(const std::string& payer_user_id,
                                                   const std::string& payload,
                                                   std::optional<std::int64_t> amount_minor) {
  auto payer = users_.find_by_id(payer_user_id);
  if (!payer) return Err{store_failure(payer.error().message)};
  if (!*payer || (*payer)->kyc_status != users::KycStatus::approved) {
    return Err{QrFailure{QrRefusal::kyc_required, "KYC is not approved"}};
  }
  if (qr::looks_like_epc(payload)) {
    return Err{QrFailure{QrRefusal::unsupported_qr,
                         "An EPC (SEPA) code cannot be paid from a Drop wallet."}};
  }
  auto decoded = qr::decode_emv(payload, qr::EmvProfile::strict_profile());
  if (!decoded) {
    // A lenient decode that works means a real code of another scheme.
    if (qr::decode_emv(payload, qr::EmvProfile::lenient_profile())) {
      return Err{QrFailure{QrRefusal::unsupported_qr, "Only Drop QR codes can be paid."}};
    }
    return Err{QrFailure{QrRefusal::invalid_qr, qr::describe(decoded.error())}};
  }
  const auto drop_qr = qr::read_drop_qr(*decoded);
  if (!drop_qr) return Err{QrFailure{QrRefusal::unsupported_qr, "Only Drop QR codes can be paid."}};
  auto found = requests_.find(drop_qr->request_id);
  if (!found) return Err{store_failure(found.error().message)};
  if (!*found || (*found)->payee_user_id != drop_qr->payee_id) {
    return Err{QrFailure{QrRefusal::not_found, "No such payment request."}};
  }
  const ports::QrRequest& request = **found;
  const Timestamp now = clock_.now();
  if (request.expires_at && now >= *request.expires_at) {
    return Err{QrFailure{QrRefusal::expired, "The payment request has expired."}};
  }
  if (drop_qr->dynamic == amount_minor.has_value()) {
    return Err{QrFailure{QrRefusal::validation_failed, drop_qr->dynamic
                                                           ? "amount: this code carries its amount"
                                                           : "amount: required for a static code"}};
  }
  const Currency nok = Currency::from_code("NOK").value();
  const Money amount = drop_qr->dynamic ? *drop_qr->amount : Money(*amount_minor, nok);
  if (amount.amount_minor() <= 0 || amount.amount_minor() > limits::fx_amount_minor_max) {
    return Err{QrFailure{QrRefusal::validation_failed, "amount: must be positive"}};
  }
  if (payer_user_id == request.payee_user_id) {
    return Err{QrFailure{QrRefusal::validation_failed, "payload: you cannot pay yourself"}};
  }
  auto payer_wallet = ledger_.wallet_of(payer_user_id);
  auto payee_wallet = ledger_.wallet_of(request.payee_user_id);
  if (!payer_wallet) return Err{store_failure(payer_wallet.error().message)};
  if (!payee_wallet) return Err{store_failure(payee_wallet.error().message)};
  const std::uint64_t transfer_id =
      drop_qr->dynamic ? std::stoull(request.id.substr(3)) : ledger_.random_id();
  auto applied =
      ledger_.apply({ledger::Transfer{.id = transfer_id,
                                      .debit_account_id = *payer_wallet,
                                      .credit_account_id = *payee_wallet,
                                      .amount_minor = amount.amount_minor(),
                                      .currency = nok,
                                      .code = static_cast<std::uint16_t>(TransferCode::qr_payment),
                                      .reference = request.reference}});
  if (!applied) {
    switch (applied.error().error) {
      case MoneyError::insufficient_funds:
        return Err{QrFailure{QrRefusal::insufficient_funds, "insufficient funds"}};
      case MoneyError::invalid:
        return Err{QrFailure{QrRefusal::already_paid, "This payment request was already paid."}};
      default:
        return Err{store_failure(applied.error().message)};
    }
  }
  auto payee = users_.find_by_id(request.payee_user_id);
  const std::string payee_name = payee && *payee ? (*payee)->name : "";
  return QrPayment{transfer_api_id(transfer_id), amount, request.payee_user_id, payee_name,
                   request.reference};
}

}  // namespace drop::usecases
