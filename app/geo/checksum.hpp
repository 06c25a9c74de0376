// The shipped data's checksums: geodata/SHA256SUMS (written by geodata/build.sh, in sha256sum's
// format) against the files beside it, so a damaged or altered copy is not shown as the atlas's.
#pragma once

#include <string>
#include <vector>

#include "core/facts.hpp"

namespace atlas {

inline constexpr const char* kChecksumsFile = "SHA256SUMS";

// The SHA-256 of a file as 64 lower-case hex digits (nettle); throws DataError if unreadable.
std::string sha256_of_file(const std::string& path);

// Checks every file SHA256SUMS in `dir` lists: one problem per file that is missing or differs,
// and one if SHA256SUMS itself is missing or malformed. Empty when the data is as shipped.
std::vector<DataProblem> verify_checksums(const std::string& dir);

}  // namespace atlas
