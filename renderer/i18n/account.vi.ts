/** Vietnamese strings of the account screens (đổi mật khẩu): the source of the keys. */
export const accountVi = {
  open: 'Đổi mật khẩu',
  title: 'Đổi mật khẩu',
  required:
    'Mật khẩu của bạn do quản trị viên đặt. Hãy đổi sang mật khẩu của riêng bạn trước khi sử dụng hệ thống.',
  current: 'Mật khẩu hiện tại',
  next: 'Mật khẩu mới',
  repeat: 'Nhập lại mật khẩu mới',
  policy: 'Ít nhất {{min}} ký tự, không trùng tên đăng nhập, không phải mật khẩu phổ biến.',
  problemsLabel: 'Mật khẩu mới chưa đạt',
  acceptable: 'Mật khẩu mới đạt yêu cầu.',
  mismatch: 'Mật khẩu nhập lại không khớp.',
  currentMissing: 'Nhập mật khẩu hiện tại.',
  submit: 'Đổi mật khẩu',
  cancel: 'Hủy',
  done: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã được đăng xuất.',
  failed: 'Không đổi được mật khẩu',
  errors: {
    wrong_password: 'Mật khẩu hiện tại không đúng.',
    same_password: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
    weak_password: 'Mật khẩu mới chưa đạt yêu cầu.',
  },
};

export type AccountMessages = typeof accountVi;
