// Small helpers shared by the money routes (app/api/money.cpp, quotes.cpp): store failures as
// 503/500 problems (logged, never leaked), reading JSON members, money use-case failures.
#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

#include "drop/ports/port_error.hpp"
#include "http/context.hpp"
#include "http/problem.hpp"
#include "http/request_log.hpp"
#include "usecases/ledger_service.hpp"

namespace drop::api {

inline http::Response port_failure(const http::Request& request, http::Context& context,
                                   const ports::PortError& error) {
  http::log_event(context.clock->now(), "error", "store_error", error.message);
  return http::problem(error.kind == ports::PortError::Kind::unavailable ||
                               error.kind == ports::PortError::Kind::timeout
                           ? http::ErrorCode::unavailable
                           : http::ErrorCode::internal,
                       "", request.request_id);
}

inline http::Response money_failure(const http::Request& request, http::Context& context,
                                    const usecases::MoneyFailure& failure) {
  switch (failure.error) {
    case usecases::MoneyError::not_found:
      return http::problem(http::ErrorCode::not_found, failure.message, request.request_id);
    case usecases::MoneyError::insufficient_funds:
      return http::problem(http::ErrorCode::insufficient_funds,
                           "The wallet's available balance does not cover this payment.",
                           request.request_id);
    case usecases::MoneyError::invalid:
      return http::problem(http::ErrorCode::validation_failed, failure.message, request.request_id);
    case usecases::MoneyError::store:
      break;
  }
  return port_failure(request, context,
                      ports::PortError{ports::PortError::Kind::unavailable, failure.message});
}

// The string member `name`, or nullopt when absent or not a string.
inline std::optional<std::string_view> string_member(const rapidjson::Value& object,
                                                     const char* name) {
  const auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsString()) return std::nullopt;
  return std::string_view(member->value.GetString(), member->value.GetStringLength());
}

inline bool has_member(const rapidjson::Value& object, const char* name) {
  return object.FindMember(name) != object.MemberEnd();
}

// The integer member `name` (int64), or nullopt when absent or not an integer.
inline std::optional<std::int64_t> integer_member(const rapidjson::Value& object,
                                                  const char* name) {
  const auto member = object.FindMember(name);
  if (member == object.MemberEnd() || !member->value.IsInt64()) return std::nullopt;
  return member->value.GetInt64();
}

// ?limit= (1..100, default 20); nullopt when present and invalid.
inline std::optional<std::size_t> page_limit(const http::Request& request) {
  const auto text = request.query_param("limit");
  if (!text) return 20;
  if (text->empty() || text->size() > 3) return std::nullopt;
  std::size_t value = 0;
  for (char c : *text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (value < 1 || value > 100) return std::nullopt;
  return value;
}

}  // namespace drop::api
