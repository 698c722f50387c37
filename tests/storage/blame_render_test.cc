#include "storage/blame_render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace strata::storage {
namespace {

constexpr UnixMillis kT1 = 1739520000000;  // 2025-02-14T08:00:00Z
constexpr UnixMillis kDay = 24 * 3600 * 1000;

Blame Sample() {
  Blame blame;
  blame.version = 12;
  blame.fetched_at = kT1 + 3 * kDay;
  blame.lines = {
      {0, "First paragraph.", 1, kT1, 1, kT1},
      {1, "Edited later.", 1, kT1, 12, kT1 + 3 * kDay},
      {2, "Added in v3 <b>.", 3, kT1 + kDay, 3, kT1 + kDay},
  };
  return blame;
}

TEST(RenderBlameTextTest, AlignedColumns) {
  EXPECT_EQ(RenderBlameText(Sample(), /*color=*/false),
            "v1  2025-02-14T08:00:00Z       First paragraph.\n"
            "v1  2025-02-14T08:00:00Z  ~v12 Edited later.\n"
            "v3  2025-02-15T08:00:00Z       Added in v3 <b>.\n");
}

TEST(RenderBlameTextTest, NoEditColumnWhenNothingWasEdited) {
  Blame blame = Sample();
  blame.lines.erase(blame.lines.begin() + 1);
  EXPECT_EQ(RenderBlameText(blame, false),
            "v1  2025-02-14T08:00:00Z First paragraph.\n"
            "v3  2025-02-15T08:00:00Z Added in v3 <b>.\n");
  EXPECT_EQ(RenderBlameText(Blame{}, false), "");
}

TEST(RenderBlameTextTest, Coloured) {
  Blame blame = Sample();
  blame.lines.resize(1);
  EXPECT_EQ(RenderBlameText(blame, true),
            "\x1b[33mv1  2025-02-14T08:00:00Z\x1b[0m First paragraph.\n");
}

TEST(RenderBlameJsonTest, Fields) {
  const nlohmann::json j = nlohmann::json::parse(RenderBlameJson(Sample(), "https://x/a"));
  EXPECT_EQ(j["url"], "https://x/a");
  EXPECT_EQ(j["version"], 12);
  EXPECT_EQ(j["fetched_at"], "2025-02-17T08:00:00Z");
  ASSERT_EQ(j["paragraphs"].size(), 3u);
  EXPECT_EQ(j["paragraphs"][1]["text"], "Edited later.");
  EXPECT_EQ(j["paragraphs"][1]["since_version"], 1);
  EXPECT_EQ(j["paragraphs"][1]["edited_version"], 12);
  EXPECT_EQ(j["paragraphs"][1]["edited"], "2025-02-17T08:00:00Z");
  EXPECT_EQ(j["paragraphs"][2]["index"], 2);
}

}  // namespace
}  // namespace strata::storage
