package io.clipstream.backend;

import io.clipstream.contracts.RenderCommand;
import io.clipstream.render.request.ClipRequest;

/**
 * A command checked and translated for the rendering engine.
 *
 * @param command the command as received
 * @param request what the rendering engine renders
 * @param keyStem where the clip is stored (checked safe)
 */
record PreparedClip(RenderCommand command, ClipRequest request, String keyStem) {}
