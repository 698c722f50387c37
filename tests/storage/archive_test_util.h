// Helpers for the archive tests: fetches and articles built in one line, an archive on
// LevelDB's in-memory Env, a temporary directory, and raw access to the LevelDB underneath (to
// plant damage the archive itself would never write).
#pragma once

#include <gtest/gtest.h>
#include <leveldb/db.h>
#include <leveldb/env.h>
#include <leveldb/helpers/memenv.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "common/article.h"
#include "common/fetched_page.h"
#include "storage/archive.h"

namespace strata::storage::testing {

inline FetchedPage Page(const std::string& url, UnixMillis at, int status,
                        const std::string& body = "") {
  FetchedPage page;
  page.url = url;
  page.final_url = url;
  page.http_status = status;
  page.fetched_at_ms = at;
  page.body = body;
  page.request_headers = {{"User-Agent", "strata-test"}};
  page.response_headers = {{"Content-Type", "text/html; charset=utf-8"}};
  return page;
}

inline FetchedPage FailedPage(const std::string& url, UnixMillis at, FetchOutcome outcome,
                              const std::string& error) {
  FetchedPage page;
  page.url = url;
  page.outcome = outcome;
  page.error = error;
  page.fetched_at_ms = at;
  return page;
}

inline Article MakeArticle(const std::string& url, const std::string& title,
                           const std::string& body) {
  Article article;
  article.url = url;
  article.site = "example.com";
  article.title = title;
  article.author = "Alice";
  article.published = "2025-02-14";
  article.body = body;
  article.tags = {"storage"};
  return article;
}

// Opens a raw LevelDB on `dir` (the archive must be closed), to plant or inspect bytes.
inline std::unique_ptr<leveldb::DB> OpenRawDb(const std::string& dir, leveldb::Env* env) {
  leveldb::Options options;
  options.env = env != nullptr ? env : leveldb::Env::Default();
  options.create_if_missing = true;
  leveldb::DB* db = nullptr;
  const leveldb::Status s = leveldb::DB::Open(options, dir, &db);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return std::unique_ptr<leveldb::DB>(db);
}

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (std::filesystem::temp_directory_path() /
             ("strata-storage-" + std::to_string(::getpid()) + "-" + info->name()))
                .string();
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// An archive in memory; Reopen() closes and opens it again on the same memory.
class MemArchiveTest : public ::testing::Test {
 protected:
  static constexpr const char* kDir = "/mem/archive";

  void SetUp() override { Reopen(); }

  void Reopen(ArchiveOptions options = {}) {
    archive_.reset();
    options.env = env_.get();
    Result<std::unique_ptr<Archive>> opened = Archive::Open(kDir, options);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    archive_ = std::move(*opened);
  }

  // Records `page` (with `article`, if any) under the page's URL; fails the test on error.
  RecordResult Rec(const FetchedPage& page, const Article* article = nullptr) {
    Result<RecordResult> result = archive_->Record({page.url, &page, article});
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.value_or(RecordResult{});
  }

  std::unique_ptr<leveldb::Env> env_{leveldb::NewMemEnv(leveldb::Env::Default())};
  std::unique_ptr<Archive> archive_;
};

}  // namespace strata::storage::testing
