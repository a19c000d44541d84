// JSON helpers shared by the app's commands and handlers (RapidJSON lives only in app/ and
// adapters/, never in core). The API's shapes: Money is {"amount": <int minor>, "currency": "NOK"}.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>

#include "drop/money/money.hpp"

namespace drop::json {

using Buffer = rapidjson::StringBuffer;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

inline void write_string(Writer& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

inline void write_key(Writer& writer, std::string_view key) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// {"amount": <minor units>, "currency": "<alpha-3>"}
inline void write_money(Writer& writer, const Money& money) {
  writer.StartObject();
  write_key(writer, "amount");
  writer.Int64(money.amount_minor());
  write_key(writer, "currency");
  write_string(writer, money.currency().code());
  writer.EndObject();
}

inline std::string to_string(const Buffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace drop::json
