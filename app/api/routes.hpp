// The API's route table. Each area adds its routes in its own file (app/api/<area>.cpp) through
// one add_<area>_routes function called from build_router(); the pipeline applies what a route
// declares (auth, rate-limit class, Idempotency-Key, JSON body), and GET /api/openapi.json
// lists it automatically.
#pragma once

#include "config/settings.hpp"
#include "http/router.hpp"

namespace drop::api {

// GET /api/health, GET /metrics, GET /api/openapi.json (+ development-only helpers).
void add_system_routes(http::Router& router, const app::Settings& settings);
// POST /api/auth/dev-login (development only), POST /api/auth/logout, GET /api/me.
void add_auth_routes(http::Router& router, const app::Settings& settings);
// GET /api/auth/bankid/start, GET /api/auth/bankid/callback (503 when BankID is not configured).
void add_bankid_routes(http::Router& router, const app::Settings& settings);
// GET /api/rates, GET /api/accounts, GET /api/accounts/{id}/entries, POST /api/admin/deposits,
// GET /api/admin/ledger/verify.
void add_money_routes(http::Router& router, const app::Settings& settings);
// POST /api/quotes, GET /api/quotes/{id}.
void add_quote_routes(http::Router& router, const app::Settings& settings);
// POST /api/transfers, GET /api/transfers/{id}, GET /api/transfers.
void add_transfer_routes(http::Router& router, const app::Settings& settings);
// POST /api/qr, GET /api/qr/{id}.svg, POST /api/qr/decode, POST /api/qr/pay.
void add_qr_routes(http::Router& router, const app::Settings& settings);
// POST /api/kyc/token, POST /api/webhooks/sumsub.
void add_kyc_routes(http::Router& router, const app::Settings& settings);

// Every route of the API.
http::Router build_router(const app::Settings& settings);

}  // namespace drop::api
