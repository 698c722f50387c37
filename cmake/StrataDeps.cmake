# Third-party libraries, all from Debian 12 packages (scripts/install-deps.sh installs them).
# Each becomes an imported target that modules link PRIVATE, so a module's dependencies are
# visible in its own CMakeLists.txt.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(CURL 7.88 REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(leveldb REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(uriparser 0.9 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(pugixml REQUIRED)
find_package(fmt REQUIRED)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(UCHARDET REQUIRED IMPORTED_TARGET uchardet)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(TCMALLOC REQUIRED IMPORTED_TARGET libtcmalloc_minimal)  # tools/CMakeLists.txt
if(STRATA_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()

# Boost.Asio/Beast are header-only here; this target carries the defines every user needs.
add_library(strata_asio INTERFACE)
target_link_libraries(strata_asio INTERFACE Boost::headers Threads::Threads)

