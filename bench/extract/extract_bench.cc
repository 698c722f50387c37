// extract_bench: runs strata's extraction over saved pages, for the body evaluation and for the
// speed benchmark (bench/README.md, "Extraction").
//
//   extract_bench predict [--manifest LIST.jsonl] [--field body|html|markdown] [FILE...]
//       One {"id","articleBody"} JSON line per page, in input order: what
//       ../shared/eval/eval_body.py scores. FILE is plain or gzip-compressed HTML; its id is
//       the file name without ".html" / ".html.gz". A manifest line is {"path","url"[,"id"]}
//       (the url resolves links in the HTML/Markdown renders).
//   extract_bench explain FILE
//       Prints how main-content detection decided on one page (parser/main_content.h).
//   extract_bench speed [-r REPEAT] [--parse-only] WWW_DIR PATHS_FILE
//       Loads WWW_DIR<path> for each line of PATHS_FILE into memory (not timed), then extracts
//       every page REPEAT times on one thread and prints one line in the format of
//       ../shared/bench/parse_walk.c (pages, MB, cpu_s, MB_per_s, pages_per_s), so the two
//       compare directly. --parse-only times strata's HtmlDocument::Parse alone.
//
// Thread-safety: a program; single-threaded.
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/extract.h"
#include "parser/html_document.h"
#include "parser/main_content.h"

namespace {

struct Input {
  std::string path;
  std::string id;
  std::string url;
};

// The bytes of `path`, gunzipped when it is gzip data (zlib's gzread passes plain files
// through unchanged); nullopt when the file cannot be read.
std::optional<std::string> ReadMaybeGzip(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return std::nullopt;
  std::string out;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  const bool failed = n < 0;
  gzclose(file);
  if (failed) return std::nullopt;
  return out;
}

std::string IdOf(std::string_view path) {
  const size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  for (std::string_view suffix : {".gz", ".html", ".htm"}) {
    if (path.ends_with(suffix)) path.remove_suffix(suffix.size());
  }
  return std::string(path);
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double WallSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

int Usage() {
  std::cerr << "usage: extract_bench predict [--manifest LIST.jsonl] [--field body|html|markdown] "
               "[FILE...]\n"
               "       extract_bench explain FILE\n"
               "       extract_bench speed [-r REPEAT] [--parse-only] WWW_DIR PATHS_FILE\n";
  return 2;
}

int Predict(int argc, char** argv) {
  std::vector<Input> inputs;
  std::string field = "body";
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--manifest" && i + 1 < argc) {
      std::ifstream manifest(argv[++i]);
      if (!manifest) {
        std::cerr << "extract_bench: cannot read " << argv[i] << "\n";
        return 1;
      }
      std::string line;
      while (std::getline(manifest, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (!j.is_object() || !j.contains("path") || !j["path"].is_string()) {
          std::cerr << "extract_bench: bad manifest line: " << line << "\n";
          return 1;
        }
        Input input{j["path"].get<std::string>(), "", j.value("url", "")};
        input.id = j.contains("id") ? j["id"].get<std::string>() : IdOf(input.path);
        inputs.push_back(std::move(input));
      }
    } else if (arg == "--field" && i + 1 < argc) {
      field = argv[++i];
      if (field != "body" && field != "html" && field != "markdown") return Usage();
    } else if (arg.starts_with("-")) {
      return Usage();
    } else {
      inputs.push_back({std::string(arg), IdOf(arg), ""});
    }
  }
  int failures = 0;
  for (const Input& input : inputs) {
    const std::optional<std::string> bytes = ReadMaybeGzip(input.path);
    std::string text;
    if (!bytes) {
      std::cerr << "extract_bench: cannot read " << input.path << "\n";
      ++failures;
    } else {
      strata::parser::ExtractOptions options;
      options.collect_links = false;
      strata::parser::ExtractInput extract_input;
      extract_input.url = input.url;
      extract_input.body = *bytes;
      strata::Result<strata::Article> article = strata::parser::Extract(extract_input, options);
      if (!article.ok()) {
        std::cerr << "extract_bench: " << input.path << ": " << article.status().ToString() << "\n";
        ++failures;
      } else if (field == "html") {
        text = std::move(article->body_html);
      } else if (field == "markdown") {
        text = std::move(article->body_markdown);
      } else {
        text = std::move(article->body);
      }
    }
    const nlohmann::json line = {{"id", input.id}, {"articleBody", text}};
    std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  return failures == 0 ? 0 : 1;
}

int Explain(int argc, char** argv) {
  if (argc != 1) return Usage();
  const std::optional<std::string> bytes = ReadMaybeGzip(argv[0]);
  if (!bytes) {
    std::cerr << "extract_bench: cannot read " << argv[0] << "\n";
    return 1;
  }
  const auto doc = strata::parser::HtmlDocument::Parse(*bytes);
  std::cout << strata::parser::ExplainMainContent(doc);
  return 0;
}

int Speed(int argc, char** argv) {
  long repeat = 1;
  bool parse_only = false;
  std::vector<std::string> positional;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-r" && i + 1 < argc) {
      repeat = std::max(1L, std::atol(argv[++i]));
    } else if (arg == "--parse-only") {
      parse_only = true;
    } else if (arg.starts_with("-")) {
      return Usage();
    } else {
      positional.emplace_back(arg);
    }
  }
  if (positional.size() != 2) return Usage();
  std::ifstream paths(positional[1]);
  if (!paths) {
    std::cerr << "extract_bench: cannot read " << positional[1] << "\n";
    return 1;
  }
  std::vector<std::string> pages;
  size_t total_bytes = 0;
  std::string line;
  while (std::getline(paths, line)) {
    if (line.empty()) continue;
    std::optional<std::string> bytes = ReadMaybeGzip(positional[0] + line);
    if (!bytes) {
      std::cerr << "extract_bench: cannot read " << positional[0] + line << "\n";
      return 1;
    }
    total_bytes += bytes->size();
    pages.push_back(std::move(*bytes));
  }
  strata::parser::ExtractOptions options;
  size_t body_bytes = 0;  // keeps the work observable
  const double wall0 = WallSeconds();
  const double cpu0 = CpuSeconds();
  for (long r = 0; r < repeat; ++r) {
    for (const std::string& page : pages) {
      if (parse_only) {
        const auto doc = strata::parser::HtmlDocument::Parse(page);
        body_bytes += doc.body() != nullptr ? 1 : 0;
        continue;
      }
      strata::parser::ExtractInput input;
      input.url = "http://bench.invalid/page.html";
      input.body = page;
      strata::Result<strata::Article> article = strata::parser::Extract(input, options);
      if (article.ok()) body_bytes += article->body.size();
    }
  }
  const double cpu = CpuSeconds() - cpu0;
  const double wall = WallSeconds() - wall0;
  const double mb = static_cast<double>(total_bytes) * static_cast<double>(repeat) / 1e6;
  const double n = static_cast<double>(pages.size()) * static_cast<double>(repeat);
  std::printf(
      "parser=%s pages=%.0f MB=%.1f wall_s=%.3f cpu_s=%.3f MB_per_s=%.1f pages_per_s=%.1f "
      "body_bytes_per_page=%.0f\n",
      parse_only ? "strata-parse" : "strata-extract", n, mb, wall, cpu, mb / cpu, n / cpu,
      n > 0 ? static_cast<double>(body_bytes) / n : 0.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  const std::string_view mode = argv[1];
  if (mode == "predict") return Predict(argc - 2, argv + 2);
  if (mode == "explain") return Explain(argc - 2, argv + 2);
  if (mode == "speed") return Speed(argc - 2, argv + 2);
  return Usage();
}
