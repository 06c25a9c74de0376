// The command line: every option parsed and its value checked into Options, before anything is
// opened. Reads nothing but a --view-from file; prints nothing (main.cpp prints `out` and `error`).
#pragma once

#include <optional>
#include <string>

#include "modes.hpp"

namespace atlas {

struct CommandLine {
    Options options;          // everything but options.data, which main.cpp locates
    std::string data_given;   // --data
    std::string check_dir;    // --check-data's folder ("" for --data's)
    bool check = false;       // --check-data given
    bool bench = false;       // --bench
    std::string bench_vs;     // --vs: another build's program, benchmarked alternately with this one
    // Set where the program stops here: 0 after --help or --version (their text in `out`), 2 for
    // a bad argument (one line in `error`, naming the option and what is wrong with its value).
    std::optional<int> exit_code;
    std::string out, error;
};

// Parses argv (argv[0] is the program). `version` is what --version prints after "ca-atlas ".
CommandLine parse_command_line(int argc, const char* const* argv, const std::string& version);

}  // namespace atlas
