// Status: the outcome of an operation that can fail, as a cheap value (an OK status holds no
// allocation). No exceptions cross a module boundary in strata; functions return Status or
// Result<T> (result.h) instead. Each code tells the caller what to do about it:
//
//   kNotFound          a normal miss (no such article, no such version)
//   kInvalidArgument   the user or the config is wrong: report it, do not retry
//   kCorruption        bytes on disk or from the network are not what they claim: quarantine
//   kUnavailable       transient (connection refused, 5xx, timeout): retry with back-off
//   kIOError           the local disk failed
//   kFailedPrecondition the archive or state is not in a shape this operation accepts
//
// Thread-safety: a Status is an immutable value; copies may be used from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace strata {

class Status {
 public:
  // DO NOT CHANGE THESE VALUES: they are written into the archive with recorded failures.
  enum class Code : unsigned char {
    kOk = 0,
    kNotFound = 1,
    kInvalidArgument = 2,
    kCorruption = 3,
    kUnavailable = 4,
    kIOError = 5,
    kFailedPrecondition = 6,
  };

  Status() = default;  // OK

  static Status Ok() { return Status(); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status Unavailable(std::string_view msg) { return Status(Code::kUnavailable, msg); }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status FailedPrecondition(std::string_view msg) {
    return Status(Code::kFailedPrecondition, msg);
  }

  bool ok() const { return rep_ == nullptr; }
  Code code() const { return rep_ ? rep_->code : Code::kOk; }
  bool IsNotFound() const { return code() == Code::kNotFound; }
  bool IsInvalidArgument() const { return code() == Code::kInvalidArgument; }
  bool IsCorruption() const { return code() == Code::kCorruption; }
  bool IsUnavailable() const { return code() == Code::kUnavailable; }

  // The message alone ("" when OK).
  const std::string& message() const;
  // "Not found: <message>", "OK", ...
  std::string ToString() const;

  // Returns a copy whose message is "<context>: <message>"; OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  struct Rep {
    Code code;
    std::string message;
  };
  Status(Code code, std::string_view msg)
      : rep_(std::make_shared<const Rep>(Rep{code, std::string(msg)})) {}

  std::shared_ptr<const Rep> rep_;  // null when OK
};

std::string_view CodeName(Status::Code code);

}  // namespace strata

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define STRATA_RETURN_IF_ERROR(expr) \
  do {                               \
    ::strata::Status _st = (expr);   \
    if (!_st.ok()) return _st;       \
  } while (0)
