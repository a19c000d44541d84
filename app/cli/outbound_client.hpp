// The outbound HTTP client used at start-up to fetch the secrets (before the settings are read,
// so SSL_CERT_FILE comes straight from the environment).
//
// MERGE NOTE: until the real Beast + OpenSSL client (`http_client::make_https_client`, branch
// `outbound`) is merged, this returns a client whose every request fails with a clear
// "not available" error, so `drop serve` with AWS_SECRET_ARN stops at start-up with one line.
// After the merge, outbound_client.cpp returns make_https_client({.extra_ca_file = SSL_CERT_FILE}).
#pragma once

#include <memory>

#include "config/settings.hpp"
#include "drop/adapters/http_client/http_client.hpp"

namespace drop::app {

std::unique_ptr<http_client::HttpClient> make_startup_http_client(
    const EnvironmentLookup& environment);

}  // namespace drop::app
