// Result<T>: a value or the Status that explains why there is none (like absl::StatusOr).
//
// Example:
//   Result<Article> r = parser::Extract(page, options);
//   if (!r.ok()) return r.status();
//   Use(*r);
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "common/status.h"

namespace strata {

template <typename T>
class [[nodiscard]] Result {
 public:
  // REQUIRES: !status.ok(): an OK Result must carry a value.
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok());
    if (status_.ok()) status_ = Status::FailedPrecondition("Result built from an OK status");
  }
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  // Rvalue accessors return by value so `for (auto& x : *MakeResult())` cannot dangle.
  T value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

  T value_or(T fallback) const& { return ok() ? *value_ : std::move(fallback); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace strata

// Declares `lhs` from a Result-returning expression, or returns its Status.
#define STRATA_CONCAT_INNER(a, b) a##b
#define STRATA_CONCAT(a, b) STRATA_CONCAT_INNER(a, b)
#define STRATA_ASSIGN_OR_RETURN(lhs, expr) \
  STRATA_ASSIGN_OR_RETURN_IMPL(STRATA_CONCAT(_result_, __LINE__), lhs, expr)
#define STRATA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
