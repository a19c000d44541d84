// The API's user shape: {"id","name","kyc_status","created_at"}.
#pragma once

#include "drop/users/user.hpp"
#include "json/json.hpp"

namespace drop::api {

inline void write_user(json::Writer& writer, const users::User& user) {
  writer.StartObject();
  json::write_key(writer, "id");
  json::write_string(writer, user.id);
  json::write_key(writer, "name");
  json::write_string(writer, user.name);
  json::write_key(writer, "kyc_status");
  json::write_string(writer, users::to_string(user.kyc_status));
  json::write_key(writer, "created_at");
  json::write_string(writer, format_rfc3339(user.created_at));
  writer.EndObject();
}

}  // namespace drop::api
