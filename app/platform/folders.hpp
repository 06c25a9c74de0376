// The user's folders, as the desktop names them: where exports go by default, and opening a
// folder in the desktop's file manager.
#pragma once

#include <string>
#include <vector>

namespace atlas {

// Where a picture is saved by default: the desktop's Pictures folder (XDG_PICTURES_DIR of
// ~/.config/user-dirs.dirs, through GLib) where it exists, else the home folder, else the working
// folder; an absolute path.
std::string pictures_folder();
// The user's home folder (GLib's, from HOME or the password database).
std::string home_folder();

// The folders in `folder`, sorted by name whatever the case, hidden ones (".name") left out.
// Throws std::runtime_error naming the folder and why where it cannot be read.
std::vector<std::string> subfolders(const std::string& folder);

// Opens `folder` in the desktop's file manager (SDL_OpenURL, which runs xdg-open on Linux). Throws
// std::runtime_error naming the folder and why where it cannot (not a folder, no xdg-open).
void open_in_file_manager(const std::string& folder);

}  // namespace atlas
