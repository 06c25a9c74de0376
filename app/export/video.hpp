// The tour as a video: H.264 in MP4 through FFmpeg's libraries (libavcodec's libx264 encoder,
// libavformat's MP4 muxer, libswscale for RGB to YUV), written atomically: under a temporary name
// beside the file, renamed into place only once the last frame and the index are written.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace atlas {

class VideoEncoder {
public:
    // Opens the encoder for width x height pictures at `fps` frames per second, and the temporary
    // file beside `path`. Throws UsageError for a size or rate H.264 in MP4 cannot take (odd sides,
    // a size the encoder refuses, with its reason), OutputError for a path that cannot be written.
    VideoEncoder(const std::string& path, int width, int height, int fps);
    ~VideoEncoder();  // without finish(): the temporary file is removed
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    // Adds `count` frames showing `rgba` (width x height, top row first, 4 bytes a pixel; alpha
    // ignored): a held scene is one picture repeated, converted once. Throws OutputError when the
    // file cannot be written (a full disk), naming the path and the reason.
    void add(const std::uint8_t* rgba, int count = 1);
    // Flushes the encoder, writes the MP4's index at the front of the file (so a browser plays it
    // while it loads) and renames the file into place. Throws OutputError.
    void finish();

    long long frames() const { return frames_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    long long frames_ = 0;
};

}  // namespace atlas
