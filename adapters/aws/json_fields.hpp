// Small RapidJSON helpers private to the AWS adapter: parse a bounded document and read string
// members. Never throws (RapidJSON reports errors by value).
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace drop::adapters::aws {

// Parses `text` as one JSON object; false when it is not valid JSON or not an object.
inline bool parse_object(std::string_view text, rapidjson::Document& document) {
  document.Parse(text.data(), text.size());
  return !document.HasParseError() && document.IsObject();
}

// The string member `name` of `object`, std::nullopt when absent or not a string.
inline std::optional<std::string> string_member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return std::nullopt;
  const auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) return std::nullopt;
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

}  // namespace drop::adapters::aws
