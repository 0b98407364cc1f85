/** Vietnamese strings of the live meeting panel (attendance, speaking queue, votes). */
export const meetingVi = {
  panel: 'Điều hành cuộc họp',
  tabs: { attendance: 'Điểm danh', floor: 'Phát biểu', votes: 'Biểu quyết' },
  attendance: {
    checkInMe: 'Điểm danh',
    checkedIn: 'Đã điểm danh',
    checkIn: 'Điểm danh hộ',
    headCount: '{{present}}/{{invited}} có mặt',
    status: {
      not_checked_in: 'Chưa điểm danh',
      present: 'Có mặt',
      late: 'Đến muộn',
      absent: 'Vắng',
    },
    absentReason: 'Lý do: {{reason}}',
    proxy: 'Ủy quyền cho {{name}}',
  },
  floor: {
    request: 'Đăng ký phát biểu',
    topic: 'Nội dung phát biểu (không bắt buộc)',
    withdraw: 'Rút đăng ký',
    queue: 'Danh sách đăng ký phát biểu',
    empty: 'Chưa có ai đăng ký phát biểu.',
    speaking: 'Đang phát biểu: {{name}} ({{site}})',
    grant: 'Mời phát biểu',
    decline: 'Từ chối',
    end: 'Kết thúc phát biểu',
    yield: 'Kết thúc phần phát biểu của tôi',
  },
  votes: {
    open: 'Mở biểu quyết',
    question: 'Nội dung biểu quyết',
    secret: 'Bỏ phiếu kín',
    empty: 'Chưa có biểu quyết nào.',
    close: 'Kết thúc biểu quyết',
    openStatus: 'Đang biểu quyết',
    closedStatus: 'Đã kết thúc',
    secretBadge: 'Phiếu kín',
    progress: 'Đã biểu quyết: {{voted}}/{{eligible}}',
    myBallot: 'Bạn đã chọn: {{option}}',
    mySecretBallot: 'Bạn đã bỏ phiếu (phiếu kín).',
    notEligible: 'Bạn theo dõi biểu quyết, không tham gia bỏ phiếu.',
    result: 'Kết quả',
    count: '{{count}} phiếu',
  },
};

export type MeetingMessages = typeof meetingVi;
