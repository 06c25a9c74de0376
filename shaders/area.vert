#version 330 core
// The polygons of a user's layer: one triangle mesh per layer, in map metres, all in one colour.
layout(location = 0) in vec2 a_pos;  // map metres
uniform mat4 u_clip_from_map;
void main() { gl_Position = u_clip_from_map * vec4(a_pos, 0.0, 1.0); }
