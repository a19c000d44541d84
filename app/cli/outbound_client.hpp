// The outbound HTTP client used at start-up to fetch the secrets (before the settings are read,
// so SSL_CERT_FILE comes straight from the environment).
// It is the real HTTPS client (SSL_CERT_FILE as extra trust); plain http is allowed to loopback
// hosts and to the AWS container-credentials endpoints only.
#pragma once

#include <memory>

#include "config/settings.hpp"
#include "drop/adapters/http_client/http_client.hpp"

namespace drop::app {

std::unique_ptr<http_client::HttpClient> make_startup_http_client(
    const EnvironmentLookup& environment);

}  // namespace drop::app
