#include "config/database.hpp"

namespace drop::app {

std::string DatabaseUrl::describe() const {
  if (engine == Engine::sqlite) return "sqlite:" + url;
  // Drop "user:password@" from scheme://user:password@host/...
  const auto scheme_end = url.find("://");
  const auto at = url.find('@', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  const auto path = url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (scheme_end == std::string::npos || at == std::string::npos ||
      (path != std::string::npos && at > path)) {
    return url.substr(0, url.find('?'));
  }
  const std::string without_credentials = url.substr(0, scheme_end + 3) + url.substr(at + 1);
  return without_credentials.substr(0, without_credentials.find('?'));
}

std::optional<DatabaseUrl> parse_database_url(std::string_view value, std::string& error) {
  if (value.empty()) value = default_database_url;
  if (value.starts_with("postgres://") || value.starts_with("postgresql://")) {
    const auto rest = value.substr(value.find("://") + 3);
    if (rest.empty() || rest == "/") {
      error = "DATABASE_URL: a PostgreSQL URL needs a host or a database";
      return std::nullopt;
    }
    return DatabaseUrl{DatabaseUrl::Engine::postgres, std::string(value)};
  }
  if (value.starts_with("sqlite:")) {
    std::string_view path = value.substr(7);
    if (path.starts_with("//")) path.remove_prefix(2);  // also accept sqlite://relative/path
    if (path.empty()) {
      error = "DATABASE_URL: sqlite: needs a file path (sqlite:data/drop.db)";
      return std::nullopt;
    }
    return DatabaseUrl{DatabaseUrl::Engine::sqlite, std::string(path)};
  }
  error = "DATABASE_URL: must start with postgres://, postgresql:// or sqlite:";
  return std::nullopt;
}

}  // namespace drop::app
