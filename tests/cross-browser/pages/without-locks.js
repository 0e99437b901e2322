// A browser without the Web Locks API (Safari before 15.4, Firefox before 96): removed before
// any module runs.
delete Navigator.prototype.locks;
