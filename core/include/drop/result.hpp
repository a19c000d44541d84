// Result<T, E>: the value of a fallible operation, or the reason it failed.
//
// Domain errors are enums (E); a Result never throws. std::expected is C++23 and g++ 12 has no
// usable one, so this is the small subset Drop needs. Thread-safety: a value type; as safe as T/E.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "drop/assert.hpp"

namespace drop {

// Wraps an error so that Result<T, E> can be built from it even when T and E convert into each
// other: `return Err{CurrencyError::unknown_code};`.
template <typename E>
struct Err {
  E error;
};
template <typename E>
Err(E) -> Err<E>;

template <typename T, typename E>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Err<E> failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  const T& value() const& {
    DROP_ASSERT(ok());
    return *std::get_if<0>(&state_);
  }
  T& value() & {
    DROP_ASSERT(ok());
    return *std::get_if<0>(&state_);
  }
  T&& value() && {
    DROP_ASSERT(ok());
    return std::move(*std::get_if<0>(&state_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // REQUIRES: !ok().
  const E& error() const {
    DROP_ASSERT(!ok());
    return *std::get_if<1>(&state_);
  }

  T value_or(T fallback) const { return ok() ? value() : fallback; }

 private:
  std::variant<T, E> state_;
};

// Result<void, E>: success carries nothing.
template <typename E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(Err<E> failure) : failed_(true), error_(std::move(failure.error)) {}  // NOLINT

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  // REQUIRES: !ok().
  const E& error() const {
    DROP_ASSERT(failed_);
    return error_;
  }

 private:
  bool failed_ = false;
  E error_{};
};

}  // namespace drop
