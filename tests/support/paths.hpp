// Where the tests find the shipped data, their fixtures, their output folder and the program.
#pragma once

#include <string>

namespace atlas::test {

inline std::string data_dir() { return ATLAS_TEST_DATA_DIR; }
inline std::string source_dir() { return ATLAS_TEST_SOURCE_DIR; }
inline std::string output_dir() { return ATLAS_TEST_BINARY_DIR; }
inline std::string program() { return ATLAS_TEST_PROGRAM; }

}  // namespace atlas::test
