// SHA-256 through nettle, checked against the list build.sh writes.
#include "checksum.hpp"

#include <nettle/sha2.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "core/errors.hpp"

namespace atlas {

std::string sha256_of_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DataError(path + ": file missing or unreadable");
    sha256_ctx ctx;
    sha256_init(&ctx);
    std::vector<char> buf(1 << 20);
    while (in) {
        in.read(buf.data(), std::streamsize(buf.size()));
        if (in.gcount() > 0) sha256_update(&ctx, size_t(in.gcount()), reinterpret_cast<const uint8_t*>(buf.data()));
    }
    if (in.bad()) throw DataError(path + ": could not be read to the end");
    std::array<uint8_t, SHA256_DIGEST_SIZE> digest{};
    sha256_digest(&ctx, digest.size(), digest.data());
    static const char* const kHex = "0123456789abcdef";
    std::string out;
    for (uint8_t b : digest) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 15]);
    }
    return out;
}

std::vector<DataProblem> verify_checksums(const std::string& dir) {
    std::vector<DataProblem> out;
    // Field by field: GCC 12 at -O3 misreads the braced temporaries (-Wmaybe-uninitialized).
    auto problem = [&out](const std::string& file, int line, std::string message) {
        DataProblem p;
        p.at.file = file;
        p.at.line = line;
        p.message = std::move(message);
        out.push_back(std::move(p));
    };
    const std::string list = (std::filesystem::path(dir) / kChecksumsFile).string();
    std::ifstream in(list);
    if (!in) {
        problem(list, 0, "missing: the shipped data cannot be told intact (reinstall the atlas)");
        return out;
    }
    const std::string how = "reinstall the atlas, or open a changed copy on purpose with --data DIR";
    int line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (line.empty()) continue;
        // "<64 hex digits>  <name>", as sha256sum writes it (a '*' before the name in binary mode).
        const bool hex = line.size() > 66 && line.find_first_not_of("0123456789abcdef") == 64 && line[64] == ' ' &&
                         (line[65] == ' ' || line[65] == '*');
        const std::string name = hex ? line.substr(66) : "";
        if (!hex || name.empty() || name.find('/') != std::string::npos) {
            problem(list, line_no, "not a line of sha256sum's output");
            continue;
        }
        const std::string path = (std::filesystem::path(dir) / name).string();
        try {
            if (sha256_of_file(path) != line.substr(0, 64))
                problem(path, 0, "differs from the data the atlas shipped (" + std::string(kChecksumsFile) +
                                     "): altered or damaged; " + how);
        } catch (const DataError&) {
            problem(path, 0, "missing or unreadable, though the atlas shipped it; " + how);
        }
    }
    return out;
}

}  // namespace atlas
