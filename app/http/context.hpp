// Context: the services a handler may use, built once by the composition root
// (app/cli/wiring.cpp) and shared by every request. Handlers reach the stores and use cases
// only through here, so a test can build a Context from in-memory adapters and fakes.
// Thread-safety: every member is thread-safe (ports promise it; Metrics and Health are atomic).
// Adding a service: add a pointer here and set it in wiring.cpp (and in test contexts).
#pragma once

#include "config/settings.hpp"
#include "drop/fx/pricing.hpp"
#include "drop/fx/rate_table.hpp"
#include "drop/ports/clock.hpp"
#include "drop/ports/idempotency_store.hpp"
#include "drop/ports/identity_provider.hpp"
#include "drop/ports/kyc_provider.hpp"
#include "drop/ports/notifier.hpp"
#include "drop/ports/quote_store.hpp"
#include "drop/ports/rate_limit_store.hpp"
#include "drop/ports/revoked_token_store.hpp"
#include "drop/ports/user_store.hpp"
#include "http/health.hpp"
#include "http/jwt.hpp"
#include "http/metrics.hpp"
#include "http/secret_cell.hpp"

namespace drop::usecases {
class LedgerService;
class RemittanceService;
class PayoutWorker;
class QrPaymentService;
class KycService;
class LiveRates;
}  // namespace drop::usecases

namespace drop::http {

class Router;

struct Context {
  const app::Settings* settings = nullptr;
  const ports::Clock* clock = nullptr;
  ports::Entropy* entropy = nullptr;
  const TokenCodec* tokens = nullptr;
  ports::UserStore* users = nullptr;
  ports::IdempotencyStore* idempotency = nullptr;
  ports::RevokedTokenStore* revoked_tokens = nullptr;
  ports::RateLimitStore* rate_limits = nullptr;
  Metrics* metrics = nullptr;
  Health* health = nullptr;
  const Router* router = nullptr;  // for GET /api/openapi.json
  // Money: the ledger use cases (house accounts, wallets, deposits), the quote store, the live
  // rates (a handler prices from one snapshot: rates->current()) and the pricing policy.
  usecases::LedgerService* ledger = nullptr;
  ports::QuoteStore* quotes = nullptr;
  const usecases::LiveRates* rates = nullptr;
  fx::PricingPolicy pricing;
  usecases::RemittanceService* remittances = nullptr;
  usecases::PayoutWorker* payouts = nullptr;
  usecases::QrPaymentService* qr = nullptr;
  // KYC (Sumsub): the use case, the webhook digest verifier, and operator alerts.
  usecases::KycService* kyc = nullptr;
  const ports::KycWebhookVerifier* kyc_webhooks = nullptr;
  ports::Notifier* notifier = nullptr;
  // BankID sign-in; nullptr when BankID is not configured (its routes answer 503).
  ports::IdentityProvider* identity = nullptr;
  // DROP_ADMIN_TOKEN as it is now (rotated without a restart); nullptr: settings->admin_token.
  const SecretCell* admin_token = nullptr;
};

// `count` random bytes as lowercase hex, from ctx.entropy.
std::string random_hex(ports::Entropy& entropy, std::size_t count);

}  // namespace drop::http
