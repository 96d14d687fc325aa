import { StoryClusterer } from './story-clusterer';

const poisoning = [
  {
    id: 'a1',
    outlet: 'Tuổi Trẻ',
    publishedAt: '2025-10-03T08:15:00+07:00',
    title: 'Hơn 40 học sinh Trường tiểu học Lê Văn Thọ nhập viện nghi ngộ độc sau bữa trưa',
    text: 'Sau bữa ăn bán trú, hơn 40 học sinh Trường tiểu học Lê Văn Thọ đau bụng, nôn ói và được đưa đến bệnh viện.',
  },
  {
    id: 'b7',
    outlet: 'Thanh Niên',
    publishedAt: '2025-10-03T10:40:00+07:00',
    title: 'Nghi ngộ độc sau bữa trưa, hơn 40 học sinh tiểu học Lê Văn Thọ nhập viện',
    text: 'Nhiều học sinh Trường tiểu học Lê Văn Thọ có biểu hiện đau bụng, nôn ói sau bữa ăn bán trú trưa nay.',
  },
  {
    id: 'c3',
    outlet: 'VnExpress',
    publishedAt: '2025-10-03T12:05:00+07:00',
    title: '43 học sinh Trường Lê Văn Thọ nhập viện nghi ngộ độc thực phẩm',
    text: 'Các em đau bụng, nôn ói sau bữa trưa bán trú tại Trường tiểu học Lê Văn Thọ, cơ quan chức năng lấy mẫu thức ăn.',
  },
];

const award = {
  id: 'd9',
  outlet: 'Tuổi Trẻ',
  publishedAt: '2025-10-03T11:00:00+07:00',
  title: 'Học sinh Trường THCS Nguyễn Du đoạt huy chương vàng Olympic toán quốc tế',
  text: 'Em Nguyễn Văn A giành huy chương vàng tại kỳ thi Olympic toán dành cho học sinh trung học cơ sở.',
};

describe('StoryClusterer', () => {
  it('assigns the same stories from features computed beforehand as from the items alone', () => {
    const items = [...poisoning.slice(0, 2), award, poisoning[2]];
    const plain = new StoryClusterer();
    const expected = items.map((item) => plain.assign(item));
    const features = items.map((item) => StoryClusterer.features(item));
    const prepared = new StoryClusterer();
    expect(items.map((item, i) => prepared.assign(item, features[i]))).toEqual(expected);
    expect(expected.map((s) => s.storyId)).toEqual(['a1', 'a1', 'd9', 'a1']);
  });

  it('puts the same event told by three outlets into one story named after its first item', () => {
    const clusterer = new StoryClusterer();
    const stories = poisoning.map((item) => clusterer.assign(item));
    expect(stories.map((s) => s.storyId)).toEqual(['a1', 'a1', 'a1']);
    expect(stories[2]).toMatchObject({
      size: 3,
      outlets: 3,
      firstOutlet: 'Tuổi Trẻ',
      firstSeenAt: '2025-10-03T01:15:00.000Z',
    });
  });

  it('keeps different events apart, even on the same day', () => {
    const clusterer = new StoryClusterer();
    const first = clusterer.assign(poisoning[0]);
    const other = clusterer.assign(award);
    const fight = clusterer.assign({
      id: 'e2',
      outlet: 'VnExpress',
      publishedAt: '2025-10-03T13:00:00+07:00',
      title: 'Nam sinh lớp 8 bị bạn đánh trong nhà vệ sinh trường',
      text: 'Một nam sinh bị nhóm bạn cùng lớp đánh trong giờ ra chơi, nhà trường đã mời phụ huynh lên làm việc.',
    });
    expect(new Set([first.storyId, other.storyId, fight.storyId]).size).toBe(3);
  });

  it('does not join a report to a story only because it names the same school', () => {
    const related = {
      id: 'f1',
      outlet: 'Người Lao Động',
      publishedAt: '2025-10-04T09:00:00+07:00',
      title: 'Phường chỉ đạo làm rõ vụ việc tại trường Lê Văn Thọ',
      text: 'Ủy ban phường yêu cầu nhà trường báo cáo, lấy mẫu thức ăn để xác định nguyên nhân.',
    };
    const school = { keys: ['79764401'], names: ['Tiểu học Lê Văn Thọ'] };
    const clusterer = new StoryClusterer();
    clusterer.assign({ ...poisoning[0], ...school });
    expect(clusterer.assign({ ...related, ...school }).storyId).toBe('f1');
  });

  it('lets a shared school lower the bar a little for wording that is already close', () => {
    const flood = {
      id: 'r1',
      publishedAt: '2025-10-03T08:00:00+07:00',
      title: 'Trường THCS Nguyễn Du cho học sinh nghỉ học vì mưa ngập',
      keys: ['79764502'],
      names: ['THCS Nguyễn Du'],
    };
    const report = {
      id: 'r2',
      publishedAt: '2025-10-03T12:00:00+07:00',
      title: 'Mưa lớn, sân Trường THCS Nguyễn Du ngập nửa mét',
      names: ['THCS Nguyễn Du'],
    };
    const shared = new StoryClusterer();
    shared.assign(flood);
    expect(shared.assign({ ...report, keys: ['79764502'] }).storyId).toBe('r1');
    const unknown = new StoryClusterer();
    unknown.assign(flood);
    expect(unknown.assign(report).storyId).toBe('r2');
  });

  it('keeps different events at the same school apart, days apart or not', () => {
    const school = { keys: ['79000724'], names: ['THPT Gò Vấp'] };
    const clusterer = new StoryClusterer();
    const items: { id: string; publishedAt: string; title: string; topic: string | null }[] = [
      {
        id: 'v1',
        publishedAt: '2025-09-03T09:00:00+07:00',
        title: 'Nam sinh trường THPT Gò Vấp bị đánh',
        topic: 'violence_bullying',
      },
      { id: 'v2', publishedAt: '2025-09-04T09:00:00+07:00', title: 'Trường THPT Gò Vấp khai giảng', topic: null },
      {
        id: 'v3',
        publishedAt: '2025-09-05T09:00:00+07:00',
        title: 'Trường THPT Gò Vấp đạt giải nhất hội thao',
        topic: null,
      },
    ];
    const ids = items.map((item) => clusterer.assign({ ...item, ...school }).storyId);
    expect(ids).toEqual(['v1', 'v2', 'v3']);
  });

  it('joins one event told by three outlets in different words, with or without the school, accented or not', () => {
    const clusterer = new StoryClusterer();
    const ids = [
      {
        id: 'w1',
        outlet: 'Tuổi Trẻ',
        publishedAt: '2025-11-10T08:00:00+07:00',
        title: 'Nam sinh lớp 10 Trường THPT Gò Vấp bị nhóm bạn đánh hội đồng trước cổng trường',
        text: 'Clip ghi lại cảnh một nam sinh lớp 10 bị bốn bạn đánh hội đồng trước cổng trường lan truyền trên mạng.',
        keys: ['79000724'],
        names: ['THPT Gò Vấp'],
      },
      {
        id: 'w2',
        outlet: 'Thanh Niên',
        publishedAt: '2025-11-10T11:30:00+07:00',
        title: 'Xôn xao clip nam sinh lớp 10 bị đánh hội đồng trước cổng trường',
        text: 'Đoạn clip nam sinh bị nhóm bạn vây đánh hội đồng khiến phụ huynh bức xúc.',
      },
      {
        id: 'w3',
        outlet: 'Facebook',
        publishedAt: '2025-11-10T20:15:00+07:00',
        title: 'nam sinh lop 10 thpt go vap bi danh hoi dong truoc cong truong, clip lan truyen',
        text: 'phu huynh buc xuc vi clip nam sinh bi ban danh hoi dong',
        keys: ['79000724'],
        names: ['THPT Gò Vấp'],
      },
    ].map((item) => clusterer.assign(item));
    expect(ids.map((s) => s.storyId)).toEqual(['w1', 'w1', 'w1']);
    expect(ids[2].outlets).toBe(3);
  });

  it('keeps the same kind of event at two different schools on the same day apart', () => {
    const clusterer = new StoryClusterer();
    const first = clusterer.assign({
      id: 'd1',
      publishedAt: '2025-11-12T09:00:00+07:00',
      title: 'Học sinh Trường THCS Nguyễn Du bị bạn đánh trong giờ ra chơi',
      keys: ['79764502'],
      names: ['THCS Nguyễn Du'],
      topic: 'violence_bullying',
    });
    const second = clusterer.assign({
      id: 'd2',
      publishedAt: '2025-11-12T15:00:00+07:00',
      title: 'Học sinh Trường THCS Gò Vấp bị bạn đánh trong giờ ra chơi',
      keys: ['79764503'],
      names: ['THCS Gò Vấp'],
      topic: 'violence_bullying',
    });
    expect([first.storyId, second.storyId]).toEqual(['d1', 'd2']);
  });

  it('needs nearly the same wording to join items of different incident categories', () => {
    const school = { keys: ['79764502'], names: ['THCS Nguyễn Du'] };
    const meal = {
      id: 'm1',
      publishedAt: '2025-10-03T08:00:00+07:00',
      title: 'Trường THCS Nguyễn Du: học sinh nhập viện sau bữa ăn bán trú',
      ...school,
    };
    const fees = {
      id: 'm2',
      publishedAt: '2025-10-03T10:00:00+07:00',
      title: 'Trường THCS Nguyễn Du: phụ huynh phản ánh tiền bữa ăn bán trú tăng',
      ...school,
    };
    const untyped = new StoryClusterer();
    untyped.assign(meal);
    expect(untyped.assign(fees).storyId).toBe('m1');
    const typed = new StoryClusterer();
    typed.assign({ ...meal, topic: 'food_safety' });
    expect(typed.assign({ ...fees, topic: 'fees_finances' }).storyId).toBe('m2');
  });

  it('joins a differently worded follow-up about the same entity and incident topic', () => {
    const followUp = {
      id: 'h1',
      outlet: 'Sài Gòn Giải Phóng',
      publishedAt: '2025-10-04T16:45:00+07:00',
      title: 'Tạm dừng bếp ăn sau vụ việc',
      text: 'Phòng giáo dục yêu cầu rà soát nhà cung cấp.',
    };
    const same = new StoryClusterer();
    same.assign({ ...poisoning[0], keys: ['79764401'], topic: 'food_safety' });
    expect(same.assign({ ...followUp, keys: ['79764401'], topic: 'food_safety' }).storyId).toBe('a1');
    const otherTopic = new StoryClusterer();
    otherTopic.assign({ ...poisoning[0], keys: ['79764401'], topic: 'food_safety' });
    expect(otherTopic.assign({ ...followUp, keys: ['79764401'], topic: 'fees_finances' }).storyId).toBe('h1');
  });

  it('starts a new story once the old one has left the time window, and evicts it', () => {
    const clusterer = new StoryClusterer({ windowHours: 72 });
    clusterer.assign(poisoning[0]);
    const late = clusterer.assign({ ...poisoning[1], id: 'late', publishedAt: '2025-10-07T10:40:00+07:00' });
    expect(late.storyId).toBe('late');
    for (let i = 0; i < 300; i++) {
      clusterer.assign({
        id: `n${i}`,
        title: `Tin số ${i} về chủ đề riêng biệt thứ ${i}`,
        publishedAt: '2025-10-20T00:00:00Z',
      });
    }
    expect(clusterer.stats().liveStories).toBeLessThanOrEqual(300);
    const again = clusterer.assign({ ...poisoning[2], id: 'again', publishedAt: '2025-10-20T01:00:00Z' });
    expect(again.storyId).toBe('again');
  });

  it('caps the number of live stories', () => {
    const clusterer = new StoryClusterer({ maxStories: 50 });
    for (let i = 0; i < 1000; i++) {
      clusterer.assign({
        id: `x${i}`,
        title: `Bản tin độc lập mã ${i} không trùng ai ${i * 7}`,
        publishedAt: '2025-10-03T00:00:00Z',
      });
    }
    expect(clusterer.stats().liveStories).toBeLessThanOrEqual(51);
  });

  it('gives the same ids for the same input order', () => {
    const run = () => {
      const clusterer = new StoryClusterer();
      return [...poisoning, award].map((item) => clusterer.assign(item).storyId);
    };
    expect(run()).toEqual(run());
  });
});
