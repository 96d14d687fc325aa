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

  it('groups by shared entity with less shared wording, but only when they share it', () => {
    const related = {
      id: 'f1',
      outlet: 'Người Lao Động',
      publishedAt: '2025-10-04T09:00:00+07:00',
      title: 'Phường chỉ đạo làm rõ vụ việc tại trường Lê Văn Thọ',
      text: 'Ủy ban phường yêu cầu nhà trường báo cáo, lấy mẫu thức ăn để xác định nguyên nhân.',
    };
    const withKeys = new StoryClusterer();
    withKeys.assign({ ...poisoning[0], keys: ['79764401'] });
    expect(withKeys.assign({ ...related, keys: ['79764401'] }).storyId).toBe('a1');
    const withoutKeys = new StoryClusterer();
    withoutKeys.assign(poisoning[0]);
    expect(withoutKeys.assign(related).storyId).toBe('f1');
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
