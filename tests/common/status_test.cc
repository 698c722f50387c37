#include "common/status.h"

#include <gtest/gtest.h>

#include "common/result.h"

namespace strata {
namespace {

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
  EXPECT_EQ(s.message(), "");
}

TEST(StatusTest, CodesAndMessages) {
  EXPECT_TRUE(Status::NotFound("x").IsNotFound());
  EXPECT_TRUE(Status::Corruption("x").IsCorruption());
  EXPECT_TRUE(Status::Unavailable("x").IsUnavailable());
  EXPECT_EQ(Status::InvalidArgument("bad key").ToString(), "Invalid argument: bad key");
  EXPECT_EQ(Status::IOError("disk").WithContext("open /a").message(), "open /a: disk");
  EXPECT_TRUE(Status().WithContext("ignored").ok());
}

Status FailIfNegative(int v) {
  if (v < 0) return Status::InvalidArgument("negative");
  return Status::Ok();
}

Status Chain(int v) {
  STRATA_RETURN_IF_ERROR(FailIfNegative(v));
  return Status::NotFound("reached the end");
}

Result<int> Half(int v) {
  if (v % 2 != 0) return Status::InvalidArgument("odd");
  return v / 2;
}

Result<int> Quarter(int v) {
  STRATA_ASSIGN_OR_RETURN(int half, Half(v));
  return Half(half);
}

TEST(StatusTest, Macros) {
  EXPECT_TRUE(Chain(-1).IsInvalidArgument());
  EXPECT_TRUE(Chain(1).IsNotFound());
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().message(), "odd");
  EXPECT_EQ(Quarter(7).status().message(), "odd");
}

TEST(ResultTest, ValueAndStatus) {
  Result<std::string> ok = std::string("v");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "v");
  EXPECT_EQ(ok->size(), 1u);
  Result<std::string> bad = Status::NotFound("gone");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.value_or("fallback"), "fallback");
}

}  // namespace
}  // namespace strata
