#include "api/routes.hpp"

namespace drop::api {

http::Router build_router(const app::Settings& settings) {
  http::Router router;
  add_system_routes(router, settings);
  add_auth_routes(router, settings);
  add_bankid_routes(router, settings);
  add_money_routes(router, settings);
  add_quote_routes(router, settings);
  add_transfer_routes(router, settings);
  add_qr_routes(router, settings);
  add_kyc_routes(router, settings);
  return router;
}

}  // namespace drop::api
