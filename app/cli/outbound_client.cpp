#include "cli/outbound_client.hpp"

#include "drop/adapters/http_client/https_client.hpp"
#include "drop/version.hpp"

namespace drop::app {

std::unique_ptr<http_client::HttpClient> make_startup_http_client(
    const EnvironmentLookup& environment) {
  http_client::HttpsClientOptions options;
  options.extra_ca_file = environment("SSL_CERT_FILE").value_or("");
  options.user_agent = "drop/" + std::string(drop::version());
  // The ECS/EKS container-credentials endpoints are plain http on link-local addresses.
  options.plain_http_hosts = {"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "[fd00:ec2::23]"};
  return http_client::make_https_client(options);
}

}  // namespace drop::app
