// Signing a user in: a fresh session token, returned as {"token","user"} with the drop_session
// cookie (dev-login and the BankID callback). Thread-safety: uses only thread-safe ports.
#pragma once

#include "drop/users/user.hpp"
#include "http/context.hpp"

namespace drop::api {

// 200 {"token": "...", "user": {...}} with Set-Cookie drop_session and Cache-Control no-store.
http::Response signed_in(http::Context& context, const users::User& user);

}  // namespace drop::api
