#include "export/video.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <cstdarg>
#include <mutex>
#include <string>
#include <utility>

#include "core/errors.hpp"
#include "geo/raster.hpp"

namespace atlas {

namespace {

// The libraries' last error line (libx264 says why it refuses a size there, the return code only
// "Invalid argument"): kept to be said in the atlas's one message instead of printed.
std::mutex g_said_mutex;
std::string g_said;

extern "C" void keep_error(void* from, int level, const char* format, va_list args) {
    if (level > AV_LOG_ERROR) return;
    char line[512];
    int prefix = 0;
    av_log_format_line(from, level, format, args, line, sizeof line, &prefix);
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    const std::lock_guard lock(g_said_mutex);
    g_said = text;
}

// What the libraries said last, and forgets it.
std::string said() {
    const std::lock_guard lock(g_said_mutex);
    return std::exchange(g_said, {});
}

std::string av_text(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    const std::string why = said();
    return why.empty() ? text : std::string(text) + ": " + why;
}

// The encoder's choices: x264's "veryfast" preset, tuned for drawn pictures (flat colours and
// sharp edges: the map), at constant quality 20 (no visible loss on text); a keyframe every two
// seconds, so that a player seeks to any scene at once.
constexpr const char* kPreset = "veryfast";
constexpr const char* kTune = "animation";
constexpr const char* kQuality = "20";

}  // namespace

struct VideoEncoder::Impl {
    std::string path;
    AtomicFile file;
    AVFormatContext* format = nullptr;
    AVCodecContext* codec = nullptr;
    AVStream* stream = nullptr;
    AVFrame* picture = nullptr;
    AVPacket* packet = nullptr;
    SwsContext* convert = nullptr;
    int width, height;

    Impl(const std::string& p, int w, int h) : path(p), file(p, ".mp4"), width(w), height(h) {}
    ~Impl() {
        sws_freeContext(convert);
        av_packet_free(&packet);
        av_frame_free(&picture);
        avcodec_free_context(&codec);
        if (format) {
            if (format->pb) avio_closep(&format->pb);
            avformat_free_context(format);
        }
    }

    [[noreturn]] void cannot_write(const std::string& why) const {
        throw OutputError("cannot write '" + path + "': " + why);
    }

    // Sends a picture (or, with none, the end) to the encoder and writes what it gives back.
    void send(const AVFrame* f) {
        if (const int rc = avcodec_send_frame(codec, f); rc < 0) cannot_write("the encoder failed: " + av_text(rc));
        for (;;) {
            const int rc = avcodec_receive_packet(codec, packet);
            if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) break;
            if (rc < 0) cannot_write("the encoder failed: " + av_text(rc));
            av_packet_rescale_ts(packet, codec->time_base, stream->time_base);
            packet->stream_index = stream->index;
            const int wrote = av_interleaved_write_frame(format, packet);  // takes the packet's data
            if (wrote < 0) cannot_write(av_text(wrote));
            if (format->pb->error < 0) cannot_write(av_text(format->pb->error));  // a full disk shows here
        }
    }
};

VideoEncoder::VideoEncoder(const std::string& path, int width, int height, int fps) {
    const std::string size = std::to_string(width) + "x" + std::to_string(height);
    if (width <= 0 || height <= 0) throw UsageError("video size " + size + " is not positive");
    if (width % 2 || height % 2)
        throw UsageError("video size " + size + ": H.264 in MP4 takes only an even width and height (e.g. 1920x1080)");
    if (fps < 1 || fps > 120) throw UsageError("video rate " + std::to_string(fps) + " fps is outside 1..120");
    const AVCodec* h264 = avcodec_find_encoder_by_name("libx264");
    if (!h264) h264 = avcodec_find_encoder(AV_CODEC_ID_H264);
    if (!h264) throw OutputError("cannot write '" + path + "': this FFmpeg has no H.264 encoder");
    av_log_set_callback(keep_error);  // the libraries' own lines: a failure is said once, by the atlas
    (void)said();
    impl_ = std::make_unique<Impl>(path, width, height);
    Impl& v = *impl_;
    const std::string& tmp = v.file.temp_path();
    if (avformat_alloc_output_context2(&v.format, nullptr, "mp4", tmp.c_str()) < 0 || !v.format)
        throw OutputError("cannot write '" + path + "': FFmpeg has no MP4 writer");
    v.codec = avcodec_alloc_context3(h264);
    v.picture = av_frame_alloc();
    v.packet = av_packet_alloc();
    if (!v.codec || !v.picture || !v.packet) throw OutputError("cannot write '" + path + "': out of memory");
    AVCodecContext& c = *v.codec;
    c.width = width;
    c.height = height;
    c.time_base = AVRational{1, fps};
    c.framerate = AVRational{fps, 1};
    c.gop_size = 2 * fps;
    c.pix_fmt = AV_PIX_FMT_YUV420P;  // what every browser and presentation program plays
    c.color_range = AVCOL_RANGE_MPEG;
    c.colorspace = AVCOL_SPC_BT709;
    c.color_primaries = AVCOL_PRI_BT709;
    c.color_trc = AVCOL_TRC_BT709;
    c.thread_count = 0;  // as many as the machine has
    if (v.format->oformat->flags & AVFMT_GLOBALHEADER) c.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    av_opt_set(c.priv_data, "preset", kPreset, 0);
    av_opt_set(c.priv_data, "tune", kTune, 0);
    av_opt_set(c.priv_data, "crf", kQuality, 0);
    if (const int rc = avcodec_open2(v.codec, h264, nullptr); rc < 0)
        throw UsageError("video size " + size + " at " + std::to_string(fps) + " fps: the H.264 encoder (" +
                         h264->name + ") refuses it (" + av_text(rc) + ")");
    v.stream = avformat_new_stream(v.format, nullptr);
    if (!v.stream) throw OutputError("cannot write '" + path + "': out of memory");
    avcodec_parameters_from_context(v.stream->codecpar, v.codec);
    v.stream->time_base = c.time_base;
    v.stream->avg_frame_rate = c.framerate;
    if (const int rc = avio_open(&v.format->pb, tmp.c_str(), AVIO_FLAG_WRITE); rc < 0) v.cannot_write(av_text(rc));
    AVDictionary* options = nullptr;
    av_dict_set(&options, "movflags", "+faststart", 0);  // the index first: playable while it loads
    const int header = avformat_write_header(v.format, &options);
    av_dict_free(&options);
    if (header < 0) v.cannot_write(av_text(header));
    v.picture->format = c.pix_fmt;
    v.picture->width = width;
    v.picture->height = height;
    if (av_frame_get_buffer(v.picture, 0) < 0) throw OutputError("cannot write '" + path + "': out of memory");
    // The renderer's sRGB pixels (full range) to BT.709 YUV (video range), as HD video is read.
    v.convert = sws_getContext(width, height, AV_PIX_FMT_RGBA, width, height, AV_PIX_FMT_YUV420P, SWS_POINT, nullptr,
                               nullptr, nullptr);
    if (!v.convert) throw OutputError("cannot write '" + path + "': no conversion to YUV");
    sws_setColorspaceDetails(v.convert, sws_getCoefficients(SWS_CS_ITU709), 1, sws_getCoefficients(SWS_CS_ITU709), 0, 0,
                             1 << 16, 1 << 16);
}

VideoEncoder::~VideoEncoder() = default;

void VideoEncoder::add(const std::uint8_t* rgba, int count) {
    Impl& v = *impl_;
    if (av_frame_make_writable(v.picture) < 0) v.cannot_write("out of memory");
    const std::uint8_t* planes[1] = {rgba};
    const int strides[1] = {4 * v.width};
    sws_scale(v.convert, planes, strides, 0, v.height, v.picture->data, v.picture->linesize);
    for (int i = 0; i < count; ++i) {
        v.picture->pts = frames_++;
        v.send(v.picture);
    }
}

void VideoEncoder::finish() {
    Impl& v = *impl_;
    v.send(nullptr);
    if (const int rc = av_write_trailer(v.format); rc < 0) v.cannot_write(av_text(rc));
    if (v.format->pb->error < 0) v.cannot_write(av_text(v.format->pb->error));
    if (const int rc = avio_closep(&v.format->pb); rc < 0) v.cannot_write(av_text(rc));
    v.file.commit();
}

}  // namespace atlas
