#include "http/router.hpp"

#include "drop/assert.hpp"

namespace drop::http {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

}  // namespace

std::vector<Router::Segment> Router::compile(std::string_view pattern) {
  DROP_ASSERT(pattern.starts_with('/'));
  std::vector<Segment> segments;
  for (std::string_view part : split_path(pattern)) {
    Segment segment;
    const auto open = part.find('{');
    if (open == std::string_view::npos) {
      DROP_ASSERT(part.find('}') == std::string_view::npos);
      segment.literal = std::string(part);
    } else {
      const auto close = part.find('}', open);
      DROP_ASSERT(close != std::string_view::npos);
      DROP_ASSERT(close > open + 1);
      DROP_ASSERT(part.find('{', open + 1) == std::string_view::npos);
      segment.parameter = true;
      segment.prefix = std::string(part.substr(0, open));
      segment.name = std::string(part.substr(open + 1, close - open - 1));
      segment.suffix = std::string(part.substr(close + 1));
    }
    segments.push_back(std::move(segment));
  }
  return segments;
}

std::optional<int> Router::match_segments(
    const std::vector<Segment>& segments, const std::vector<std::string_view>& parts,
    std::vector<std::pair<std::string, std::string>>* params) {
  if (parts.size() != segments.size()) return std::nullopt;
  int literals = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Segment& segment = segments[i];
    const std::string_view part = parts[i];
    if (!segment.parameter) {
      if (part != segment.literal) return std::nullopt;
      ++literals;
      continue;
    }
    if (part.size() <= segment.prefix.size() + segment.suffix.size() ||
        !part.starts_with(segment.prefix) || !part.ends_with(segment.suffix)) {
      return std::nullopt;
    }
    if (params != nullptr) {
      params->emplace_back(
          segment.name,
          std::string(part.substr(segment.prefix.size(),
                                  part.size() - segment.prefix.size() - segment.suffix.size())));
    }
  }
  return literals;
}

void Router::add(Route route) {
  for (const Route& existing : routes_) {
    DROP_ASSERT(!(existing.method == route.method && existing.pattern == route.pattern));
  }
  compiled_.push_back(compile(route.pattern));
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(Method method, std::string_view path) const {
  const Method wanted = method == Method::head ? Method::get : method;
  RouteMatch result;
  if (!path.starts_with('/')) return result;
  const auto parts = split_path(path);
  int best_score = -1;
  std::vector<std::string_view> allowed;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto score = match_segments(compiled_[i], parts, nullptr);
    if (!score) continue;
    if (routes_[i].method != wanted) {
      const std::string_view name = to_string(routes_[i].method);
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) allowed.push_back(name);
      continue;
    }
    if (*score > best_score) {
      best_score = *score;
      result.route = &routes_[i];
      result.route_index = i;
    }
  }
  if (result.route != nullptr) {
    result.outcome = RouteMatch::Outcome::found;
    (void)match_segments(compiled_[result.route_index], parts, &result.params);
    return result;
  }
  if (!allowed.empty()) {
    result.outcome = RouteMatch::Outcome::method_not_allowed;
    for (std::string_view name : allowed) {
      if (!result.allow.empty()) result.allow += ", ";
      result.allow += name;
      if (name == "GET") result.allow += ", HEAD";
    }
  }
  return result;
}

}  // namespace drop::http
