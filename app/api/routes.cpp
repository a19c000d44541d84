#include "api/routes.hpp"

namespace drop::api {

http::Router build_router(const app::Settings& settings) {
  http::Router router;
  add_system_routes(router, settings);
  add_auth_routes(router, settings);
  // TODO(fx, ledger, qr, admin): add_rates_routes, add_quote_routes, add_transfer_routes,
  // add_account_routes, add_qr_routes, add_admin_routes as those areas land.
  return router;
}

}  // namespace drop::api
