// Fuzz target: the command line's words and their value parsers (--view, --date, --size, --paper,
// --layers, --random-input, ...), one word per line of the input. Parsing opens nothing but a
// --view-from file, so any input is safe to run.
#include <cstdint>
#include <string>
#include <vector>

#include "command_line_check.hpp"

using namespace atlas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> words{"ca-atlas"};
    std::string word;
    for (std::size_t i = 0; i < size && words.size() < 64; ++i) {
        if (data[i] == '\n') {
            words.push_back(word);
            word.clear();
        } else {
            word += char(data[i]);
        }
    }
    if (!word.empty() && words.size() < 64) words.push_back(word);
    std::vector<const char*> argv;
    for (const auto& w : words) argv.push_back(w.c_str());
    argv.push_back(nullptr);
    fuzz::check_command_line(parse_command_line(int(words.size()), argv.data(), "0.0.0"));
    return 0;
}
