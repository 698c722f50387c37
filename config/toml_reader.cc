#include "config/toml_reader.h"

#include <cmath>

#include "config/units.h"

namespace strata::config {

Result<toml::table> ParseToml(std::string_view text, std::string_view source) {
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(
        std::string(source) + ":" + std::to_string(e.source().begin.line) + ":" +
        std::to_string(e.source().begin.column) + ": " + std::string(e.description()));
  }
}

TableReader::TableReader(const toml::table* table, std::string path, std::string source,
                         Status* error)
    : table_(table), path_(std::move(path)), source_(std::move(source)), error_(error) {}

std::string TableReader::FullKey(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

void TableReader::Fail(std::string_view key, std::string_view message) {
  if (!error_->ok()) return;  // the first error wins
  *error_ = Status::InvalidArgument(source_ + ": " + FullKey(key) + ": " + std::string(message));
}

bool TableReader::Has(std::string_view key) const {
  return table_ != nullptr && table_->get(key) != nullptr;
}

bool TableReader::IsArray(std::string_view key) const {
  return table_ != nullptr && table_->get(key) != nullptr && table_->get(key)->is_array();
}

std::vector<std::string> TableReader::Keys() const {
  std::vector<std::string> keys;
  if (table_ == nullptr) return keys;
  for (const auto& [key, node] : *table_) keys.emplace_back(key.str());
  return keys;
}

const toml::node* TableReader::Find(std::string_view key) {
  if (table_ == nullptr) return nullptr;
  seen_.emplace(key);
  return table_->get(key);
}

void TableReader::String(std::string_view key, std::string* out) {
  const toml::node* node = Find(key);
  if (node == nullptr) return;
  if (auto v = node->value<std::string>(); v && node->is_string()) {
    *out = *v;
  } else {
    Fail(key, "must be a string");
  }
}

void TableReader::Bool(std::string_view key, bool* out) {
  const toml::node* node = Find(key);
  if (node == nullptr) return;
  if (node->is_boolean()) {
    *out = node->as_boolean()->get();
  } else {
    Fail(key, "must be true or false");
  }
}

void TableReader::Int(std::string_view key, int64_t min, int64_t max, int64_t* out) {
  const toml::node* node = Find(key);
  if (node == nullptr) return;
  if (!node->is_integer()) {
    Fail(key, "must be an integer");
    return;
  }
  const int64_t v = node->as_integer()->get();
  if (v < min || v > max) {
    Fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                  std::to_string(v));
    return;
  }
  *out = v;
}

void TableReader::Int(std::string_view key, int min, int max, int* out) {
  int64_t v = *out;
  Int(key, static_cast<int64_t>(min), static_cast<int64_t>(max), &v);
  *out = static_cast<int>(v);
}

void TableReader::Double(std::string_view key, double min, double max, double* out) {
  const toml::node* node = Find(key);
  if (node == nullptr) return;
  double v = 0;
  if (node->is_floating_point()) {
    v = node->as_floating_point()->get();
  } else if (node->is_integer()) {
    v = static_cast<double>(node->as_integer()->get());
  } else {
    Fail(key, "must be a number");
    return;
  }
  if (!std::isfinite(v) || v < min || v > max) {
    Fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return;
  }
  *out = v;
}

namespace {

std::string FormatMs(int64_t ms) {
  if (ms % 1000 != 0) return std::to_string(ms) + "ms";
  return std::to_string(ms / 1000) + "s";
}

}  // namespace

void TableReader::Duration(std::string_view key, int64_t min_ms, int64_t max_ms, int64_t* out_ms) {
  const toml::node* node = Find(key);
  if (node == nullptr) return;
  std::optional<int64_t> ms;
  if (node->is_string()) {
    ms = ParseDurationMs(node->as_string()->get());
    if (!ms) {
      Fail(key, "not a duration (examples: \"500ms\", \"10s\", \"6h\", \"1d\")");
      return;
    }
  } else if (node->is_integer()) {
    ms = node->as_integer()->get() * 1000;
  } else if (node->is_floating_point()) {
    ms = static_cast<int64_t>(node->as_floating_point()->get() * 1000);
  } else {
    Fail(key, "must be a duration string such as \"10s\" or a number of seconds");
    return;
  }
  if (*ms < min_ms || *ms > max_ms) {
    Fail(key, "must be between " + FormatMs(min_ms) + " and " + FormatMs(max_ms));
    return;
  }
  *out_ms = *ms;
}

void TableReader::Size(std::string_view key, int64_t min, int64_t max, int64_t* out) {
  const toml::node* node = Find(key);
  if (node == nullptr) return;
  std::optional<int64_t> bytes;
  if (node->is_string()) {
    bytes = ParseByteSize(node->as_string()->get());
  } else if (node->is_integer()) {
    bytes = node->as_integer()->get();
  }
  if (!bytes) {
    Fail(key, "not a size (examples: 4096, \"64KiB\", \"16MiB\")");
    return;
  }
  if (*bytes < min || *bytes > max) {
    Fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + " bytes");
    return;
  }
  *out = *bytes;
}

void TableReader::StringList(std::string_view key, std::vector<std::string>* out) {
  const toml::node* node = Find(key);
  if (node == nullptr) return;
  const toml::array* arr = node->as_array();
  if (arr == nullptr) {
    Fail(key, "must be an array of strings");
    return;
  }
  std::vector<std::string> values;
  for (const toml::node& item : *arr) {
    if (!item.is_string()) {
      Fail(key, "must be an array of strings");
      return;
    }
    values.push_back(item.as_string()->get());
  }
  *out = std::move(values);
}

TableReader TableReader::Table(std::string_view key) {
  const toml::node* node = Find(key);
  const std::string full = FullKey(key);
  if (node == nullptr) return TableReader(nullptr, full, source_, error_);
  if (!node->is_table()) {
    Fail(key, "must be a table");
    return TableReader(nullptr, full, source_, error_);
  }
  return TableReader(node->as_table(), full, source_, error_);
}

std::vector<TableReader> TableReader::Tables(std::string_view key) {
  std::vector<TableReader> out;
  const toml::node* node = Find(key);
  if (node == nullptr) return out;
  const toml::array* arr = node->as_array();
  if (arr == nullptr || !arr->is_array_of_tables()) {
    Fail(key, "must be an array of tables ([[" + std::string(key) + "]])");
    return out;
  }
  for (size_t i = 0; i < arr->size(); ++i) {
    out.emplace_back(arr->get(i)->as_table(), FullKey(key) + "[" + std::to_string(i) + "]", source_,
                     error_);
  }
  return out;
}

void TableReader::RejectUnknownKeys() {
  if (table_ == nullptr) return;
  for (const auto& [key, node] : *table_) {
    if (!seen_.contains(key.str())) {
      Fail(key.str(), "unknown key");
      return;
    }
  }
}

}  // namespace strata::config
