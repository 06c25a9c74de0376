// Typed errors for expected failures (bad data, bad arguments, unwritable paths).
// Their what() is the one line shown to the user: it names the file, the record and the problem.
#pragma once

#include <stdexcept>
#include <string>

namespace atlas {

// A data file is missing, unreadable, corrupt, or holds a malformed record.
class DataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An output file could not be written.
class OutputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// OpenGL is missing, too old, or refused an operation (context, size, shader).
class GlError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An argument (projection name, size, view) is not acceptable.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace atlas
