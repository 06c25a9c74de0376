#include "fuzz_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "geo/facts_load.hpp"
#include "geo/load.hpp"
#include "geo/projection.hpp"

namespace fs = std::filesystem;

namespace atlas::fuzz {

namespace {

std::string& folder() {
    static std::string dir;
    return dir;
}

void remove_folder() {
    std::error_code ec;
    if (!folder().empty()) fs::remove_all(folder(), ec);
}

}  // namespace

const std::string& data_copy() {
    if (folder().empty()) {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "ca-atlas-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data())) {
            std::perror("ca-atlas fuzz: cannot make a temporary folder");
            std::abort();
        }
        folder() = pattern;
        std::atexit(remove_folder);
        for (const auto& entry : fs::directory_iterator(ATLAS_TEST_DATA_DIR))
            if (entry.is_regular_file()) fs::copy_file(entry.path(), fs::path(folder()) / entry.path().filename());
    }
    return folder();
}

void write_file(const std::string& path, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    if (!out) {
        std::fprintf(stderr, "ca-atlas fuzz: cannot write %s\n", path.c_str());
        std::abort();
    }
}

void write_file(const std::string& path, const std::string& bytes) {
    write_file(path, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const Shipped& shipped() {
    static const Shipped data = [] {
        DataSet set = load_data_set(ATLAS_TEST_DATA_DIR, "", true);
        if (!set.world || !set.article || !set.problems.empty()) {
            for (const auto& p : set.problems) std::fprintf(stderr, "%s\n", p.str().c_str());
            std::fprintf(stderr, "ca-atlas fuzz: the shipped data in %s is not consistent\n", ATLAS_TEST_DATA_DIR);
            std::abort();
        }
        Shipped s{*set.world, load_world(ATLAS_TEST_DATA_DIR), *set.article, *set.facts, {}};
        for (const auto& p : projections()) s.projection_ids.push_back(p.id);
        return s;
    }();
    return data;
}

void property_failed(const std::string& what) {
    std::fprintf(stderr, "ca-atlas fuzz: property failed: %s\n", what.c_str());
    std::abort();
}

}  // namespace atlas::fuzz
