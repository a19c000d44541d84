// Which database the program uses, from DATABASE_URL:
//   postgres://... or postgresql://...  -> PostgreSQL (production)
//   sqlite:<path>                        -> SQLite file (staging, local)
//   unset or empty                       -> sqlite:data/drop.db (the zero-configuration default)
// The URL can hold a password: it is never printed; describe() gives a safe form for logs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drop::app {

struct DatabaseUrl {
  enum class Engine { postgres, sqlite };
  Engine engine = Engine::sqlite;
  std::string url;  // for postgres: the full URL; for sqlite: the file path
  // "postgresql://db.example:5432/drop" without user and password, or "sqlite:data/drop.db".
  std::string describe() const;
};

inline constexpr std::string_view default_database_url = "sqlite:data/drop.db";

// Parses a DATABASE_URL value; std::nullopt with `error` set (naming the setting, never its
// value) when it is not one of the accepted forms.
std::optional<DatabaseUrl> parse_database_url(std::string_view value, std::string& error);

}  // namespace drop::app
