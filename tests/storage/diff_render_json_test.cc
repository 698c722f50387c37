#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "storage/diff_render.h"
#include "tests/storage/diff_render_test_util.h"

namespace strata::storage {
namespace {

using nlohmann::json;

TEST(RenderJsonTest, ExactOnASmallDiff) {
  Article from;
  from.body = "same\nold words\n";
  Article to;
  to.body = "same\nnew words\nadded\n";
  to.tags = {"a"};
  EXPECT_EQ(RenderJson(CompareArticles(from, to), {}),
            R"({
  "body_changed": true,
  "fields": [
    {
      "field": "tags",
      "from": [],
      "to": [
        "a"
      ]
    }
  ],
  "from": "a",
  "identical": false,
  "paragraphs": [
    {
      "new_index": 0,
      "old_index": 0,
      "op": "equal",
      "text": "same"
    },
    {
      "granularity": "word",
      "new_index": 1,
      "old_index": 1,
      "op": "change",
      "similarity": 0.5,
      "spans": [
        {
          "op": "delete",
          "text": "old"
        },
        {
          "op": "insert",
          "text": "new"
        },
        {
          "op": "equal",
          "text": " words"
        }
      ],
      "text": "new words"
    },
    {
      "new_index": 2,
      "op": "insert",
      "text": "added"
    }
  ],
  "to": "b"
}
)");
}

TEST(RenderJsonTest, StructureOfTheSharedCase) {
  const ArticleDiff diff = testing::RenderDiff();
  const ChangeAnalysis analysis = AnalyzeChange(testing::RenderFrom(), testing::RenderTo());
  RenderOptions options;
  options.from_label = "u@1";
  options.to_label = "u@2";
  options.analysis = &analysis;
  const json j = json::parse(RenderJson(diff, options));
  EXPECT_EQ(j["from"], "u@1");
  EXPECT_EQ(j["fields"][0]["field"], "title");
  EXPECT_EQ(j["fields"][0]["spans"][1]["op"], "insert");
  EXPECT_EQ(j["fields"][0]["spans"][1]["text"], ", world");
  ASSERT_EQ(j["paragraphs"].size(), 5u);
  EXPECT_EQ(j["paragraphs"][1]["op"], "change");
  EXPECT_EQ(j["paragraphs"][2]["op"], "delete");
  EXPECT_EQ(j["paragraphs"][3]["text"], "A <script>alert(\"x\")</script> & more.");
  EXPECT_EQ(j["analysis"]["edit_class"], "substantive");
  EXPECT_EQ(j["analysis"]["blocks_changed"], 1);
  EXPECT_EQ(j["analysis"]["fields"], json({"title", "body"}));
}

TEST(RenderJsonTest, MovesAndInvalidUtf8) {
  Article from;
  from.body = "one\ntwo\nthree \xff\n";
  Article to;
  to.body = "three \xff\none\ntwo\n";
  const json j = json::parse(RenderJson(CompareArticles(from, to), {}));
  std::string ops;
  for (const json& p : j["paragraphs"]) ops += p["op"].get<std::string>() + " ";
  EXPECT_EQ(ops, "move_to equal equal move_from ");
  EXPECT_EQ(j["paragraphs"][0]["text"], "three \uFFFD");
  EXPECT_EQ(j["paragraphs"][0]["old_index"], 2);
  EXPECT_EQ(j["paragraphs"][0]["similarity"], 1.0);
}

TEST(RenderJsonTest, IdenticalStillDescribesTheBody) {
  const json j =
      json::parse(RenderJson(CompareArticles(testing::RenderFrom(), testing::RenderFrom()), {}));
  EXPECT_EQ(j["identical"], true);
  EXPECT_EQ(j["paragraphs"].size(), 4u);
  EXPECT_FALSE(j.contains("analysis"));
}

}  // namespace
}  // namespace strata::storage
