// The user's folders (app/platform/folders.cpp): exports go by default into the Pictures folder
// the desktop names, and a folder that is not there is not "opened".
#include "platform/folders.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/process.hpp"

namespace atlas {
namespace {

namespace fs = std::filesystem;

// A desktop whose Pictures folder has another name (a German one): the export goes there.
TEST(Folders, PicturesIsTheFolderTheDesktopNames) {
    const std::string home = test::fresh_dir("folders-home");
    fs::create_directories(home + "/.config");
    fs::create_directories(home + "/Bilder");
    std::ofstream(home + "/.config/user-dirs.dirs") << "XDG_DESKTOP_DIR=\"$HOME/Schreibtisch\"\n"
                                                       "XDG_PICTURES_DIR=\"$HOME/Bilder\"\n";
    ::setenv("HOME", home.c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (home + "/.config").c_str(), 1);
    EXPECT_EQ(home_folder(), home);
    EXPECT_EQ(pictures_folder(), home + "/Bilder");
}

TEST(Folders, OpeningWhatIsNotAFolderSaysSo) {
    const std::string dir = test::fresh_dir("folders-open");
    std::ofstream(dir + "/figure.png") << "not a folder";
    try {
        open_in_file_manager(dir + "/figure.png");
        FAIL() << "a file was opened as a folder";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot open the folder '" + dir + "/figure.png': it is not a folder");
    }
    EXPECT_THROW(open_in_file_manager(dir + "/missing"), std::runtime_error);
    // A desktop without xdg-open (here: none on the PATH) is named, not silently ignored.
    const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", dir.c_str(), 1);
    try {
        open_in_file_manager(dir);
        FAIL() << "no xdg-open, and no word of it";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("xdg-open is not installed (Debian's package xdg-utils)"), std::string::npos)
            << e.what();
    }
    ::setenv("PATH", path.c_str(), 1);
}

}  // namespace
}  // namespace atlas
