// The page's account: logging in with the password typed at the join form when the server says
// the name asked for is registered, registering it when the person asked to. The password stays
// in this page's memory, to log in again after a reconnect; it is never stored nor shown.
import { visible } from './names.js';

export class Account {
  /**
   * @param send sends a frame (type, data) on the open connection
   * @param notice says something in the conversation
   */
  constructor(send, notice) {
    this.send = send;
    this.notice = notice;
    this.password = '';
    this.registerWanted = false;
    this.renameComing = false; // whether a login was answered, and the account's name is to come
  }

  /** Whether this register reply is the account's name, which follows the answer to a login. */
  takeLoginRename() {
    const coming = this.renameComing;
    this.renameComing = false;
    return coming;
  }

  /** What the join form gave: a password (blank for none), and whether to register the name. */
  joining(password, register) {
    this.password = password || '';
    this.registerWanted = Boolean(register) && this.password !== '';
  }

  /** The server answered a register: log in, or register the name, as the person asked. */
  registered(name, options, asked) {
    const hint = options.find((option) => option.startsWith('registered='));
    if (hint) {
      const account = hint.substring('registered='.length);
      if (this.password) {
        this.notice(visible(account) + ' is a registered name; logging in');
        this.request({ op: 'login', name: account, password: this.password });
      } else {
        this.notice(visible(account) + ' is a registered name: give its password at the join form (reload the page) to log in as it');
      }
    } else if (this.registerWanted && name === asked) {
      this.registerWanted = false;
      this.request({ op: 'register', password: this.password });
    }
  }

  /** A change of password, as /password asks it. */
  changePassword(current, next) {
    this.request({ op: 'password', password: current, new: next });
  }

  request(data) {
    this.send('account', JSON.stringify(data));
  }

  /** The server's answer to a request that succeeded. */
  answered(reply) {
    const name = visible(reply.name || '');
    if (reply.op === 'register') {
      this.notice(name + ' is registered to you: no one else can take the name; log in with its password at the join form');
    } else if (reply.op === 'login') {
      this.renameComing = true;
      this.notice('logged in as ' + name);
    } else if (reply.op === 'password') {
      this.notice('password changed; your other sessions must log in again');
    }
  }
}
