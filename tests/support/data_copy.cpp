#include "data_copy.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "paths.hpp"
#include "process.hpp"

namespace atlas::test {

namespace fs = std::filesystem;

std::string copy_data(const std::string& name) {
    const std::string dir = fresh_dir(name);
    for (const auto& e : fs::directory_iterator(data_dir())) {
        const auto ext = e.path().extension();
        if (ext == ".csv" || ext == ".json" || e.path().filename() == "SHA256SUMS")
            fs::copy_file(e.path(), fs::path(dir) / e.path().filename());
    }
    fs::create_symlink(fs::path(data_dir()) / "atlas.gpkg", fs::path(dir) / "atlas.gpkg");
    return dir;
}

namespace {
std::vector<std::string> read_lines(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}
}  // namespace

int find_line(const std::string& file, const std::string& needle) {
    const auto lines = read_lines(file);
    for (size_t i = 0; i < lines.size(); ++i)
        if (lines[i].find(needle) != std::string::npos) return int(i) + 1;
    return 0;
}

std::string line_of(const std::string& file, int line) { return read_lines(file).at(size_t(line - 1)); }

void replace_line(const std::string& file, int line, const std::string& text, bool remove) {
    auto lines = read_lines(file);
    if (line < 1 || size_t(line) > lines.size()) throw std::runtime_error(file + ": no line " + std::to_string(line));
    if (remove)
        lines.erase(lines.begin() + (line - 1));
    else
        lines[size_t(line - 1)] = text;
    std::ofstream out(file, std::ios::trunc);
    for (const auto& l : lines) out << l << '\n';
}

std::string read_text(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error(file + ": cannot read");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const std::string& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error(file + ": cannot write");
}

}  // namespace atlas::test
