// Source changes that let mediasoup's C++ worker build offline against Debian 12's libraries.
// Written for mediasoup 3.27.1 (see docs/mediasoup-worker.md). build.mjs applies them to a copy
// of the package's `worker/` directory and stops if any expected text is not found exactly.
//
// Each patch: `file` (relative to worker/), `expect` (exact text), `replace`, and `count` (how
// many times `expect` must occur; default 1, and every occurrence is replaced).
// The texts keep mediasoup's own indentation (tabs in C++, two spaces in meson).

/** Files copied into the worker copy: `from` is relative to this directory, `to` to worker/. */
export const ADDED_FILES = [
  // Debian 12 has no unordered_dense package; a header mapping it onto std containers suffices.
  { from: 'files/ankerl/unordered_dense.h', to: 'phonghop-shim/ankerl/unordered_dense.h' },
];

export const PATCHES = [
  // Debian 12 ships meson 1.0.1; nothing in the worker's build needs 1.1.
  {
    file: 'meson.build',
    expect: `  meson_version: '>= 1.1.0',`,
    replace: `  meson_version: '>= 1.0.1',`,
  },

  // Use Debian's libuv, OpenSSL, libsrtp2 and flatbuffers and the local unordered_dense shim
  // instead of subprojects that are downloaded at configure time.
  {
    file: 'meson.build',
    expect: `libuv_proj = subproject(
  'libuv',
  default_options: [
    'warning_level=0',
    'build_tests=false',
    'build_benchmarks=false',
  ],
)

openssl_proj = subproject(
  'openssl',
  default_options: [
    'warning_level=0',
  ],
)

libsrtp3_proj = subproject(
  'libsrtp3',
  default_options: [
    'warning_level=0',
    'crypto-library=openssl',
    'crypto-library-kdf=disabled',
    'tests=disabled',
  ],
)

ankerl_unordered_dense_dep = dependency('unordered_dense')

flatbuffers_proj = subproject(
  'flatbuffers',
  default_options: [
    'warning_level=0',
  ],
)
`,
    replace: `# Phong Hop offline build: system libraries (Debian 12) instead of downloaded subprojects.
libuv_dep = dependency('libuv')

openssl_dep = dependency('openssl')

# Debian's libsrtp2.pc does not add <includedir>/srtp2, where srtp.h lives.
libsrtp2_system_dep = dependency('libsrtp2')
libsrtp2_dep = declare_dependency(
  dependencies: libsrtp2_system_dep,
  include_directories: include_directories(
    libsrtp2_system_dep.get_variable(pkgconfig: 'includedir') / 'srtp2',
    is_system: true,
  ),
)

ankerl_unordered_dense_dep = declare_dependency(
  include_directories: include_directories('phonghop-shim'),
)

flatbuffers_dep = dependency('flatbuffers')
`,
  },

  // The worker's dependency list must name the system dependencies declared above.
  {
    file: 'meson.build',
    expect: `dependencies = [
  libuv_proj.get_variable('libuv_dep'),
  openssl_proj.get_variable('openssl_dep'),
  libsrtp3_proj.get_variable('libsrtp3_dep'),
  ankerl_unordered_dense_dep,
  flatbuffers_proj.get_variable('flatbuffers_dep'),
  flatbuffers_generator_dep,
]

link_whole = [
  libuv_proj.get_variable('libuv'),
  openssl_proj.get_variable('libcrypto_lib'),
  openssl_proj.get_variable('libssl_lib'),
  libsrtp3_proj.get_variable('libsrtp3'),
  flatbuffers_proj.get_variable('flatbuffers_lib'),
]
`,
    replace: `dependencies = [
  libuv_dep,
  openssl_dep,
  libsrtp2_dep,
  ankerl_unordered_dense_dep,
  flatbuffers_dep,
  flatbuffers_generator_dep,
]

# Shared system libraries are linked normally, not merged into the static library.
link_whole = []
`,
  },

  // libwebrtc needs abseil: use Debian's (these three libraries are what it links against).
  {
    file: 'meson.build',
    expect: `  abseil_cpp_proj = subproject(
    'abseil-cpp',
    default_options: [
      'warning_level=0',
      'cpp_std=c++17',
    ],
  )
`,
    replace: `  absl_deps = [
    dependency('absl_strings'),
    dependency('absl_optional'),
    dependency('absl_bad_optional_access'),
  ]
`,
  },

  // The worker itself does not use abseil containers; only libwebrtc is added.
  {
    file: 'meson.build',
    expect: `  dependencies += [
    abseil_cpp_proj.get_variable('absl_container_dep'),
    libwebrtc_dep,
  ]
  link_whole += [
    abseil_cpp_proj.get_variable('absl_container_lib'),
    libwebrtc,
  ]
`,
    replace: `  dependencies += [
    libwebrtc_dep,
  ]
  link_whole += [
    libwebrtc,
  ]
`,
  },

  // deps/libwebrtc pulls abseil as a subproject too; the system one is declared by the parent.
  {
    file: 'deps/libwebrtc/meson.build',
    expect: `abseil_cpp_proj = subproject(
  'abseil-cpp',
  default_options: [
    'warning_level=0',
    'cpp_std=c++17',
  ],
)
`,
    replace: `# Phong Hop offline build: absl_deps (system abseil) is declared in the worker's meson.build.
`,
  },

  // deps/libwebrtc: system libuv, OpenSSL and flatbuffers instead of subproject variables.
  {
    file: 'deps/libwebrtc/meson.build',
    expect: `    libuv_proj.get_variable('libuv_dep'),
    openssl_proj.get_variable('openssl_dep'),
`,
    replace: `    libuv_dep,
    openssl_dep,
`,
  },

  // deps/libwebrtc: system flatbuffers, and wait for the generated FBS/*.h its sources include
  // (upstream lacks this ordering, so a parallel build can fail: "FBS/notification.h: No such file").
  {
    file: 'deps/libwebrtc/meson.build',
    expect: `    flatbuffers_proj.get_variable('flatbuffers_dep'),
`,
    replace: `    flatbuffers_dep,
    flatbuffers_generator_dep,
`,
  },

  // deps/libwebrtc: system abseil (in both the library and the dependency it exports).
  {
    file: 'deps/libwebrtc/meson.build',
    count: 2,
    expect: `    abseil_cpp_proj.get_variable('absl_strings_dep'),
    abseil_cpp_proj.get_variable('absl_types_dep'),
`,
    replace: `    absl_deps,
`,
  },

  // libsrtp 2.5 has no buffer_small / cryptex_err status codes (they are libsrtp3 additions).
  {
    file: 'src/DepLibSRTP.cpp',
    expect: `	{ srtp_err_status_pkt_idx_adv,   "packet index advanced, reset needed" },
	{ srtp_err_status_buffer_small,  "out buffer is too small" },
	{ srtp_err_status_cryptex_err,   "unsupported cryptex operation" }
`,
    replace: `	{ srtp_err_status_pkt_idx_adv,   "packet index advanced, reset needed" }
`,
  },

  // libsrtp 2 calls it srtp_remove_stream (libsrtp3 renamed it srtp_stream_remove).
  {
    file: 'include/RTC/SrtpSession.hpp',
    expect: `			srtp_stream_remove(this->session, htonl(ssrc));`,
    replace: `			srtp_remove_stream(this->session, htonl(ssrc));`,
  },

  // The libsrtp2 port below copies packets with std::memcpy().
  {
    file: 'src/RTC/SrtpSession.cpp',
    expect: `#include "MediaSoupErrors.hpp"
`,
    replace: `#include "MediaSoupErrors.hpp"
#include <cstring> // std::memcpy()
`,
  },

  // libsrtp 2 has no opaque policy object: fill the srtp_policy_t struct from the profile.
  {
    file: 'src/RTC/SrtpSession.cpp',
    expect: `		// Create the policy object.
		srtp_policy_t policy{ nullptr };
		srtp_err_status_t err = srtp_policy_create(std::addressof(policy));

		if (DepLibSRTP::IsError(err))
		{
			MS_THROW_ERROR("srtp_policy_create() failed: %s", DepLibSRTP::GetErrorString(err).c_str());
		}

		// Set SSRC.
		srtp_ssrc_t ssrc{};

		switch (type)
		{
			case Type::INBOUND:
			{
				ssrc.type = ssrc_any_inbound;

				break;
			}

			case Type::OUTBOUND:
			{
				ssrc.type = ssrc_any_outbound;

				break;
			}
		}

		ssrc.value = 0;

		err = srtp_policy_set_ssrc(policy, ssrc);

		if (DepLibSRTP::IsError(err))
		{
			srtp_policy_destroy(policy);
			MS_THROW_ERROR("srtp_policy_set_ssrc() failed: %s", DepLibSRTP::GetErrorString(err).c_str());
		}

		// Set the crypto profile.
		err = srtp_policy_set_profile(policy, profile);

		if (DepLibSRTP::IsError(err))
		{
			srtp_policy_destroy(policy);
			MS_THROW_ERROR("srtp_policy_set_profile() failed: %s", DepLibSRTP::GetErrorString(err).c_str());
		}

		// Split the concatenated key+salt buffer using the profile's lengths.
		const size_t masterKeyLen  = srtp_profile_get_master_key_length(profile);
		const size_t masterSaltLen = srtp_profile_get_master_salt_length(profile);

		MS_ASSERT(
		  keyLen == masterKeyLen + masterSaltLen,
		  "given keyLen does not match profile master key + salt length");

		err = srtp_policy_add_key(
		  policy,
		  /*key*/ key,
		  /*key_len*/ masterKeyLen,
		  /*salt*/ key + masterKeyLen,
		  /*salt_len*/ masterSaltLen,
		  /*mki*/ nullptr,
		  /*mki_len*/ 0);

		if (DepLibSRTP::IsError(err))
		{
			srtp_policy_destroy(policy);
			MS_THROW_ERROR("srtp_policy_add_key() failed: %s", DepLibSRTP::GetErrorString(err).c_str());
		}

		// Required for sending RTP retransmission without RTX.
		err = srtp_policy_set_allow_repeat_tx(policy, true);

		if (DepLibSRTP::IsError(err))
		{
			srtp_policy_destroy(policy);
			MS_THROW_ERROR(
			  "srtp_policy_set_allow_repeat_tx() failed: %s", DepLibSRTP::GetErrorString(err).c_str());
		}

		err = srtp_policy_set_window_size(policy, 1024);

		if (DepLibSRTP::IsError(err))
		{
			srtp_policy_destroy(policy);
			MS_THROW_ERROR(
			  "srtp_policy_set_window_size() failed: %s", DepLibSRTP::GetErrorString(err).c_str());
		}

		// Create the SRTP session.
		err = srtp_create(std::addressof(this->session), policy);

		// Policy is no longer needed once the session is created.
		srtp_policy_destroy(policy);
`,
    replace: `		// libsrtp 2: a zero-initialised policy struct, filled in place.
		srtp_policy_t policy{};

		srtp_err_status_t err =
		  srtp_crypto_policy_set_from_profile_for_rtp(std::addressof(policy.rtp), profile);

		if (DepLibSRTP::IsError(err))
		{
			MS_THROW_ERROR(
			  "srtp_crypto_policy_set_from_profile_for_rtp() failed: %s",
			  DepLibSRTP::GetErrorString(err).c_str());
		}

		err = srtp_crypto_policy_set_from_profile_for_rtcp(std::addressof(policy.rtcp), profile);

		if (DepLibSRTP::IsError(err))
		{
			MS_THROW_ERROR(
			  "srtp_crypto_policy_set_from_profile_for_rtcp() failed: %s",
			  DepLibSRTP::GetErrorString(err).c_str());
		}

		// libsrtp 2 takes the concatenated key+salt buffer as is; check its length.
		const size_t masterKeyLen  = srtp_profile_get_master_key_length(profile);
		const size_t masterSaltLen = srtp_profile_get_master_salt_length(profile);

		MS_ASSERT(
		  keyLen == masterKeyLen + masterSaltLen,
		  "given keyLen does not match profile master key + salt length");

		switch (type)
		{
			case Type::INBOUND:
			{
				policy.ssrc.type = ssrc_any_inbound;

				break;
			}

			case Type::OUTBOUND:
			{
				policy.ssrc.type = ssrc_any_outbound;

				break;
			}
		}

		policy.ssrc.value = 0;
		policy.key        = key;
		// Required for sending RTP retransmission without RTX.
		policy.allow_repeat_tx = 1;
		policy.window_size     = 1024;
		policy.next            = nullptr;

		// Create the SRTP session.
		err = srtp_create(std::addressof(this->session), std::addressof(policy));
`,
  },

  // libsrtp 2 protects RTP in place with an int length: copy into the buffer first.
  {
    file: 'src/RTC/SrtpSession.cpp',
    expect: `		uint8_t* encryptBuffer = EncryptBuffer;
		size_t encryptLen      = EncryptBufferSize;

		const srtp_err_status_t err = srtp_protect(
		  /*srtp_t ctx*/ this->session,
		  /*const uint8_t* rtp*/ *data,
		  /*size_t rtp_len*/ *len,
		  /*uint8_t* srtp*/ encryptBuffer,
		  /*size_t* srtp_len*/ std::addressof(encryptLen),
		  /*size_t mki_index*/ 0);
`,
    replace: `		uint8_t* encryptBuffer = EncryptBuffer;
		int protectLen         = static_cast<int>(*len);

		std::memcpy(encryptBuffer, *data, *len);

		const srtp_err_status_t err =
		  srtp_protect(this->session, encryptBuffer, std::addressof(protectLen));
		const size_t encryptLen = static_cast<size_t>(protectLen);
`,
  },

  // libsrtp 2 unprotects RTP in place with an int length.
  {
    file: 'src/RTC/SrtpSession.cpp',
    expect: `		size_t decryptLen = *len;

		const srtp_err_status_t err = srtp_unprotect(
		  /*srtp_t ctx*/ this->session,
		  /*const uint8_t* srtp*/ data,
		  /*size_t srtp_len*/ *len,
		  /*uint8_t* rtp*/ data,
		  /*size_t* rtp_len*/ std::addressof(decryptLen));
`,
    replace: `		int unprotectLen = static_cast<int>(*len);

		const srtp_err_status_t err =
		  srtp_unprotect(this->session, data, std::addressof(unprotectLen));
		const size_t decryptLen = static_cast<size_t>(unprotectLen);
`,
  },

  // libsrtp 2 protects RTCP in place and may add 4 bytes (SRTCP index) beyond the trailer.
  {
    file: 'src/RTC/SrtpSession.cpp',
    expect: `		uint8_t* encryptBuffer = EncryptBuffer;
		size_t encryptLen      = EncryptBufferSize;

		const srtp_err_status_t err = srtp_protect_rtcp(
		  /*srtp_t ctx*/ this->session,
		  /*const uint8_t* rtcp*/ *data,
		  /*size_t rtcp_len*/ *len,
		  /*uint8_t* srtcp*/ encryptBuffer,
		  /*size_t* srtcp_len*/ std::addressof(encryptLen),
		  /*size_t mki_index*/ 0);
`,
    replace: `		if (*len + SRTP_MAX_TRAILER_LEN + 4 > EncryptBufferSize)
		{
			MS_WARN_TAG(srtp, "cannot encrypt RTCP packet, size too big (%zu bytes)", *len);

			return false;
		}

		uint8_t* encryptBuffer = EncryptBuffer;
		int protectLen         = static_cast<int>(*len);

		std::memcpy(encryptBuffer, *data, *len);

		const srtp_err_status_t err =
		  srtp_protect_rtcp(this->session, encryptBuffer, std::addressof(protectLen));
		const size_t encryptLen = static_cast<size_t>(protectLen);
`,
  },

  // libsrtp 2 unprotects RTCP in place with an int length.
  {
    file: 'src/RTC/SrtpSession.cpp',
    expect: `		size_t decryptLen = *len;

		const srtp_err_status_t err = srtp_unprotect_rtcp(
		  /*srtp_t ctx*/ this->session,
		  /*const uint8_t* srtcp*/ data,
		  /*size_t srtcp_len*/ *len,
		  /*uint8_t* rtcp*/ data,
		  /*size_t* rtcp_len*/ std::addressof(decryptLen));
`,
    replace: `		int unprotectLen = static_cast<int>(*len);

		const srtp_err_status_t err =
		  srtp_unprotect_rtcp(this->session, data, std::addressof(unprotectLen));
		const size_t decryptLen = static_cast<size_t>(unprotectLen);
`,
  },

  // Crash fix: with Debian's kTLS-enabled OpenSSL, returning 1 for BIO_CB_CTRL|BIO_CB_RETURN
  // makes BIO_get_ktls_send() report "on", no DTLS write buffer is allocated and SSL_read()
  // segfaults on the first DTLS packet. Pass the real result through for every return call.
  {
    file: 'src/RTC/DtlsTransport.cpp',
    expect: `	const long resultOfcallback = (operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1;`,
    replace: `	// Phong Hop: test the BIO_CB_RETURN bit, so that e.g. BIO_CB_CTRL|BIO_CB_RETURN passes
	// the real result through (otherwise OpenSSL with kTLS believes kTLS is on and crashes).
	const long resultOfcallback = (operationType & BIO_CB_RETURN) ? static_cast<long>(ret) : 1;`,
  },
];
