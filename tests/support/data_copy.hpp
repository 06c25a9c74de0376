// Broken fixtures for the data check: a copy of the shipped data folder in which one line of one
// table is changed, so each test breaks exactly one thing and knows the line it broke.
#pragma once

#include <string>

namespace atlas::test {

// A fresh copy of the shipped data folder (tables and article copied, the GeoPackage linked).
std::string copy_data(const std::string& name);

// Number (1-based) of the first line of `file` containing `needle`; 0 if none.
int find_line(const std::string& file, const std::string& needle);

// Replaces line `line` (1-based) of `file` with `text` (empty text with `remove` deletes it).
void replace_line(const std::string& file, int line, const std::string& text, bool remove = false);

// The text of line `line` (1-based) of `file`.
std::string line_of(const std::string& file, int line);

// A whole file's bytes, and a file written with exactly these bytes.
std::string read_text(const std::string& file);
void write_text(const std::string& file, const std::string& text);

}  // namespace atlas::test
