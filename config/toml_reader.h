// TableReader: reads typed, range-checked values out of one TOML table and remembers which keys
// it consumed, so that an unknown key (a typo) is reported instead of silently ignored. The
// first error wins; messages name the source file and the full key ("strata.toml: fetch.
// max_redirects: must be between 0 and 50, got 99").
//
// Internal to config/: toml++ types do not leave this module.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "common/result.h"
#include "common/status.h"

namespace strata::config {

// Parses TOML text; a syntax error is InvalidArgument "source:line:column: what". Debian's
// toml++ is built with exceptions; they stay inside this function.
Result<toml::table> ParseToml(std::string_view text, std::string_view source);

class TableReader {
 public:
  // `table` may be null (the section is absent: every getter keeps its default).
  TableReader(const toml::table* table, std::string path, std::string source, Status* error);

  void String(std::string_view key, std::string* out);
  void Bool(std::string_view key, bool* out);
  void Int(std::string_view key, int64_t min, int64_t max, int64_t* out);
  void Int(std::string_view key, int min, int max, int* out);
  void Double(std::string_view key, double min, double max, double* out);
  // A duration string ("10s", "6h") or a number of seconds.
  void Duration(std::string_view key, int64_t min_ms, int64_t max_ms, int64_t* out_ms);
  // A size string ("16MiB") or a number of bytes.
  void Size(std::string_view key, int64_t min, int64_t max, int64_t* out);
  void StringList(std::string_view key, std::vector<std::string>* out);

  // The sub-table `key`, or an absent one.
  TableReader Table(std::string_view key);
  // Each table of the array of tables `key` ([[key]] in TOML).
  std::vector<TableReader> Tables(std::string_view key);

  // Records an error for every key present in the table that no getter asked for.
  void RejectUnknownKeys();

  bool present() const { return table_ != nullptr; }
  bool Has(std::string_view key) const;
  // True when `key` is present and an array ([[key]] tables, or a list): for sections that may
  // be one table or several (shell, issue 6: [api] / [[api]]).
  bool IsArray(std::string_view key) const;
  // The keys of the table, in order (none when absent): for tables whose keys are names the
  // user chooses (shell, issue 6: [counters.page]).
  std::vector<std::string> Keys() const;
  void Fail(std::string_view key, std::string_view message);
  std::string FullKey(std::string_view key) const;

 private:
  const toml::node* Find(std::string_view key);

  const toml::table* table_;
  std::string path_;    // "fetch", "watch[2]", "" for the root
  std::string source_;  // file name, for messages
  Status* error_;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace strata::config
