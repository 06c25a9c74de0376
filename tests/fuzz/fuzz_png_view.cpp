// Fuzz target: the view recorded in a PNG the atlas exported, read back by --view-from (the PNG's
// chunks through libpng, then the recorded view, projection, date and selection checked as the
// options they stand for).
#include <cstdint>
#include <string>

#include "command_line_check.hpp"

using namespace atlas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzz::data_copy() + "/view.png";
    fuzz::write_file(path, data, size);
    const char* argv[] = {"ca-atlas", "--view-from", path.c_str(), nullptr};
    fuzz::check_command_line(parse_command_line(3, argv, "0.0.0"));
    return 0;
}
